package dev.neonci.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Order statistics of a sample, nearest-rank (no interpolation: every figure printed was observed). */
record Stats(double median, double p95, double max, int count) {

    static Stats of(List<? extends Number> values) {
        if (values.isEmpty()) {
            return new Stats(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        List<Double> sorted = new ArrayList<>();
        for (Number n : values) {
            sorted.add(n.doubleValue());
        }
        Collections.sort(sorted);
        return new Stats(rank(sorted, 0.50), rank(sorted, 0.95), sorted.get(sorted.size() - 1), sorted.size());
    }

    private static double rank(List<Double> sorted, double q) {
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
