package dev.arca.core.hcl;

/**
 * Malformed HCL. The message reads {@code line L, column C: detail} (or {@code line L: detail} for
 * faults found after parsing) and never contains the offending value, only its position.
 */
public class HclException extends RuntimeException {

    private final int line;
    private final int column;
    private final String detail;

    public HclException(int line, int column, String detail) {
        super(column > 0 ? "line " + line + ", column " + column + ": " + detail : "line " + line + ": " + detail,
                null, false, false);
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    /** 1-based line of the fault. */
    public int line() {
        return line;
    }

    /** 1-based column of the fault, 0 when only the line is known. */
    public int column() {
        return column;
    }

    /** The fault without its position. */
    public String detail() {
        return detail;
    }
}
