package dev.neonci.core.client;

import com.google.gson.annotations.SerializedName;

/** A Postgres role on a branch ({@code Role} schema). The password is only present right after a create. */
public record Role(
        String branchId,
        String name,
        @SerializedName("protected") boolean isProtected,
        String password) {

    /** Never prints the password. */
    @Override
    public String toString() {
        return "Role[branchId=" + branchId + ", name=" + name + ", protected=" + isProtected
                + (password == null ? "" : ", password=****") + "]";
    }
}
