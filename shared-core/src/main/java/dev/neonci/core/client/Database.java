package dev.neonci.core.client;

/** A database on a branch ({@code Database} schema). */
public record Database(long id, String branchId, String name, String ownerName) {
}
