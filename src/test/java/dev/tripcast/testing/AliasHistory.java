package dev.tripcast.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tripcast.model.ModelAliases;
import dev.tripcast.tables.LogStorePolicy;
import dev.tripcast.tables.Warehouse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads and checks the alias history a warehouse's {@code model_registry} holds. */
public final class AliasHistory {
  private AliasHistory() {}

  /** The registry of {@code trip-duration} in the warehouse whose tables are under {@code tables}. */
  public static ModelAliases aliases(Path tables) {
    return new ModelAliases(TestSpark.session(),
        new Warehouse(TestSpark.session(), tables.toString(), LogStorePolicy.REFUSE), "trip-duration");
  }

  /** The moves of {@code alias} (events with an {@code alias_seq}), in {@code alias_seq} order. */
  public static List<ModelAliases.Event> moves(ModelAliases.State state, String alias) {
    return state.events().stream().filter(e -> alias.equals(e.alias()) && e.aliasSeq() != null)
        .sorted(Comparator.comparingLong(ModelAliases.Event::aliasSeq)).toList();
  }

  /** Each move of {@code alias} as one line, {@code "1 alias_set v2"}, {@code "2 alias_moved v1 -> v3"}. */
  public static List<String> describe(ModelAliases.State state, String alias) {
    return moves(state, alias).stream().map(e -> e.aliasSeq() + " " + e.event() + " "
        + (e.previousVersion() == null ? "" : e.previousVersion() + " -> ") + e.version()).toList();
  }

  /**
   * Every alias replays: move numbers 1..n without gaps or duplicates, and each move's previous
   * version is the version the moves before it left (no move applied on a state it did not see).
   */
  public static void assertConsistent(ModelAliases.State state) {
    for (String alias : List.of(ModelAliases.CHAMPION, ModelAliases.CHALLENGER)) {
      List<ModelAliases.Event> moves = moves(state, alias);
      List<ModelAliases.Event> before = new ArrayList<>();
      for (int i = 0; i < moves.size(); i++) {
        assertEquals(i + 1, moves.get(i).aliasSeq(), alias + " moves " + describe(state, alias));
        assertEquals(new ModelAliases.State(before).alias(alias).version().orElse(null),
            moves.get(i).previousVersion(), alias + " move " + (i + 1) + " of " + describe(state, alias));
        before.add(moves.get(i));
      }
    }
  }
}
