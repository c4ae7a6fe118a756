/*
 * Starts Amazon DynamoDB Local bound to 127.0.0.1 only, and makes it exit with its parent.
 *
 * Why this file exists: DynamoDB Local 1.25 has no bind-address option; its ServerRunner builds a
 * Jetty `new Server(port)`, which listens on every interface. This launcher builds the same server
 * from the same command-line arguments, points its Jetty connector at 127.0.0.1 before start, then
 * runs it. local/dynamodb-local.ts compiles it once with javac (JDK) into node_modules/.cache and
 * falls back to the plain jar, on all interfaces, when only a JRE is installed. (Not `public`, so
 * that javac accepts this kebab-case file name.)
 *
 * Second job: the Node parent holds our stdin open. When the parent dies for any reason (even
 * SIGKILL, when no exit handler can run) the pipe closes, we read EOF and exit, so no orphaned JVM
 * keeps the port and the data directory locked.
 */
import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

class DynamoDbLocalLoopback {
  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field jettyField = DynamoDBProxyServer.class.getDeclaredField("server");
    jettyField.setAccessible(true);
    Server jetty = (Server) jettyField.get(proxy);
    for (Connector connector : jetty.getConnectors()) {
      ((ServerConnector) connector).setHost("127.0.0.1");
    }

    Thread parentWatch = new Thread(() -> {
      try {
        while (System.in.read() != -1) {
          // Nothing is ever written to stdin; we only wait for it to close.
        }
      } catch (java.io.IOException ignored) {
        // A broken pipe means the parent is gone, same as EOF.
      }
      System.exit(0);
    }, "parent-watch");
    parentWatch.setDaemon(true);
    parentWatch.start();

    try {
      proxy.start();
    } catch (Exception e) {
      // Jetty has started non-daemon threads by now: without an explicit exit a failed bind (port
      // taken) would leave a JVM that never serves and never ends.
      e.printStackTrace();
      System.exit(1);
    }
    proxy.join();
  }
}
