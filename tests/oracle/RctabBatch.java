package network.brightspots.rcv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs RCTab's command-line tabulation for many configurations in one JVM (the differential test's
 * batches: a JVM start per contest would cost more than the counts). One configuration path per
 * line of the file named by the first argument; for each, prints "DONE <path>" or "FAIL <path>" on
 * stdout once RCTab has finished with it. Lives in RCTab's package because TabulatorSession is
 * package-private. Not part of electcli: compiled by the test against the oracle's classes.
 */
public final class RctabBatch {
  public static void main(String[] args) throws Exception {
    Logger.setup();
    List<String> configs = Files.readAllLines(Path.of(args[0]));
    for (String config : configs) {
      if (config.isBlank()) {
        continue;
      }
      boolean ok;
      try {
        List<String> problems = new TabulatorSession(config).tabulate("oracle");
        ok = problems.isEmpty();
      } catch (Throwable thrown) {
        Logger.severe("batch: %s", thrown);
        ok = false;
      }
      System.out.println((ok ? "DONE " : "FAIL ") + config);
      System.out.flush();
    }
    System.exit(0);
  }
}
