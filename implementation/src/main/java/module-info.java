/**
 * The Vigil engine. An application uses {@code dev.vigil.engine} (the engine, its builder,
 * settings and snapshots), {@code dev.vigil.engine.event} (what it tells listeners) and
 * {@code dev.vigil.engine.probe} (to plug in a probe of its own). {@code dev.vigil.engine.spi}
 * is for the verification harness and monitoring integrations, not for applications. Every other
 * package is internal and not exported.
 */
module dev.vigil.engine {
    exports dev.vigil.engine;
    exports dev.vigil.engine.event;
    exports dev.vigil.engine.probe;
    exports dev.vigil.engine.spi;

    // Builder.dataSource takes a javax.sql.DataSource: an application naming it reads java.sql.
    requires transitive java.sql;
    requires java.net.http;
    // The DNS probe asks through JNDI; java.naming binds the JDK's DNS provider (jdk.naming.dns).
    requires java.naming;
    requires org.xerial.sqlitejdbc;
}
