package dev.tripcast.jobs;

import dev.tripcast.errors.InvalidInputException;

/**
 * A statement given to {@link SqlJob} was refused before any statement of its script ran: it does
 * not only read (it would write a table, change a schema or the session: see {@link ReadOnlySql}),
 * or it does not parse. Exit 2: fix the statement; run only queries, {@code DESCRIBE}, {@code SHOW}
 * or {@code EXPLAIN}.
 */
public final class RefusedStatementException extends InvalidInputException {
  /** Longest statement text quoted in the message before it is cut with "...". */
  static final int QUOTED_CHARS = 200;

  private final int statement;

  private RefusedStatementException(int statement, String message, Throwable cause) {
    super(message, cause);
    this.statement = statement;
  }

  /**
   * Statement {@code statement} of {@code statements} does not only read.
   *
   * @param statement its position in the script, from 1
   * @param text the statement, quoted on one line
   */
  static RefusedStatementException notReadOnly(int statement, int statements, String text) {
    return new RefusedStatementException(statement, String.format("statement %d of %d does not only read, so nothing"
        + " was run: %s (expected a query: SELECT, WITH, VALUES, TABLE, FROM; or DESCRIBE, SHOW, EXPLAIN)", statement,
        statements, quote(text)), null);
  }

  /**
   * Statement {@code statement} of {@code statements} does not parse.
   *
   * @param parserError Spark's parser error; its first non-blank line is quoted
   */
  static RefusedStatementException unparsable(int statement, int statements, String text, Exception parserError) {
    String reason = String.valueOf(parserError.getMessage()).lines().map(String::strip)
        .filter(l -> !l.isEmpty()).findFirst().orElse("");
    return new RefusedStatementException(statement, String.format("statement %d of %d does not parse, so nothing was"
        + " run: %s (%s)", statement, statements, quote(text), reason), parserError);
  }

  /** The refused statement's position in the script, from 1. */
  public int statement() {
    return statement;
  }

  private static String quote(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() <= QUOTED_CHARS ? line : line.substring(0, QUOTED_CHARS) + "...";
  }
}
