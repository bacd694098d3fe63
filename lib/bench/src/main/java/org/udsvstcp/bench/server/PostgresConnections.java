package org.udsvstcp.bench.server;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.newsclub.net.unix.AFUNIXSocketFactory;
import org.postgresql.ds.PGSimpleDataSource;
import org.udsvstcp.bench.transport.Endpoint;

/**
 * PostgreSQL JDBC connections over either family, through one code path: TCP to 127.0.0.1, or the
 * Unix socket through junixsocket's {@code AFUNIXSocketFactory$FactoryArg} with the {@code
 * .s.PGSQL.<port>} path as its argument; and the tables the workloads use.
 */
public final class PostgresConnections {
  private static final org.postgresql.Driver DRIVER = new org.postgresql.Driver();

  private PostgresConnections() {}

  /**
   * Connects to {@code endpoint} (the driver directly, not DriverManager, whose class-loader rules
   * a notebook kernel can break).
   *
   * @throws SQLException if the connection or the login fails
   */
  public static Connection open(Endpoint endpoint) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", ManagedServer.USER);
    // No TLS on loopback, for either family: the SSLRequest round trip would be noise.
    properties.setProperty("sslmode", "disable");
    properties.setProperty("connectTimeout", "30");
    String url;
    if (endpoint.transport().isUnix()) {
      properties.setProperty("socketFactory", AFUNIXSocketFactory.FactoryArg.class.getName());
      properties.setProperty("socketFactoryArg", endpoint.path().toString());
      url = "jdbc:postgresql://localhost/" + ManagedServer.DATABASE;
    } else {
      url = "jdbc:postgresql://" + endpoint.host() + ":" + endpoint.port() + "/";
      url += ManagedServer.DATABASE;
    }
    Connection connection = DRIVER.connect(url, properties);
    if (connection == null) {
      throw new SQLException("the driver did not accept " + url);
    }
    return connection;
  }

  /**
   * Returns a data source of connections to {@code endpoint} over either family, configured as
   * {@link #open(Endpoint)} connects: for a pool (HikariCP) that opens its connections itself.
   */
  public static PGSimpleDataSource dataSource(Endpoint endpoint) {
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setUser(ManagedServer.USER);
    source.setDatabaseName(ManagedServer.DATABASE);
    source.setSslMode("disable");
    source.setConnectTimeout(30);
    if (endpoint.transport().isUnix()) {
      source.setServerNames(new String[] {"localhost"});
      source.setSocketFactory(AFUNIXSocketFactory.FactoryArg.class.getName());
      source.setSocketFactoryArg(endpoint.path().toString());
    } else {
      source.setServerNames(new String[] {endpoint.host()});
      source.setPortNumbers(new int[] {endpoint.port()});
    }
    return source;
  }

  /**
   * Connects, runs {@code SELECT 1} and checks the answer: the server is ready.
   *
   * @throws IOException if the answer is not one row holding 1
   */
  public static void selectOne(Endpoint endpoint) throws SQLException, IOException {
    try (Connection connection = open(endpoint);
        PreparedStatement select = connection.prepareStatement("SELECT 1");
        ResultSet rows = select.executeQuery()) {
      if (!rows.next() || rows.getInt(1) != 1 || rows.next()) {
        throw new IOException("SELECT 1 did not return one row holding 1");
      }
    }
  }

  /** Creates the workloads' tables (pgbench's at scale 1, and bench_counter); returns version. */
  static String setUp(Endpoint endpoint) {
    try (Connection connection = open(endpoint);
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE pgbench_branches (bid int PRIMARY KEY, bbalance int, filler char(88))");
      statement.execute("INSERT INTO pgbench_branches VALUES (1, 0, '')");
      statement.execute(
          "CREATE TABLE pgbench_accounts (aid int PRIMARY KEY, bid int, abalance int,"
              + " filler char(84))");
      statement.execute(
          "INSERT INTO pgbench_accounts SELECT aid, 1, 0, '' FROM generate_series(1, "
              + ManagedServer.ACCOUNTS
              + ") AS aid");
      statement.execute("CREATE TABLE bench_counter (id int PRIMARY KEY, n bigint NOT NULL)");
      statement.execute(
          "INSERT INTO bench_counter SELECT id, 0 FROM generate_series(1, "
              + ManagedServer.COUNTERS
              + ") AS id");
      statement.execute("VACUUM ANALYZE");
      try (ResultSet version = statement.executeQuery("SHOW server_version")) {
        version.next();
        return version.getString(1);
      }
    } catch (SQLException e) {
      throw new ServerUnavailableException("could not create the tables: " + e.getMessage(), e);
    }
  }
}
