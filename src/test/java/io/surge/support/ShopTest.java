package io.surge.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Base of the integration tests that drive the shop over HTTP: the running application's port, its database, an
 * {@link Api} client and a {@link Shop} (members, products, orders) built fresh for every test.
 */
@IntegrationTest
public abstract class ShopTest {

    @LocalServerPort
    protected int port;

    /** Actuator (metrics) is on a port of its own, never on the API port. */
    @LocalManagementPort
    protected int managementPort;

    @Autowired
    protected JdbcClient jdbc;

    protected Api api;
    protected Shop shop;

    @BeforeEach
    void openShop() {
        api = new Api(port);
        shop = new Shop(api, jdbc);
    }
}
