-- Products and their options. Prices are integers in the smallest currency unit; stock never goes below zero
-- because every decrement is conditional (stock >= qty).
CREATE TABLE product (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    name        VARCHAR(200)  NOT NULL,
    description VARCHAR(2000) NOT NULL,
    category    VARCHAR(50)   NOT NULL,
    price       BIGINT        NOT NULL,
    created_at  TIMESTAMP(6)  NOT NULL,
    PRIMARY KEY (id),
    INDEX ix_product_category (category, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE product_option (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    product_id BIGINT       NOT NULL,
    name       VARCHAR(100) NOT NULL,
    price      BIGINT       NOT NULL,
    stock      INT          NOT NULL,
    PRIMARY KEY (id),
    INDEX ix_option_product (product_id),
    CONSTRAINT ck_option_stock CHECK (stock >= 0),
    CONSTRAINT ck_option_price CHECK (price >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Paid quantity per product and day (UTC), fed when an order is paid; the best-seller query reads a few days of it.
CREATE TABLE product_sales (
    sale_date  DATE   NOT NULL,
    product_id BIGINT NOT NULL,
    quantity   BIGINT NOT NULL,
    PRIMARY KEY (sale_date, product_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Demo data: 100 products (ids 1..100) x 3 options (ids 1..300). Digits tables instead of a recursive CTE so the
-- statement runs unchanged on MySQL 8 and MariaDB 10.11. A 10,000-product set for load runs: db/seed/catalog-10k.sql.
INSERT INTO product (id, name, description, category, price, created_at)
SELECT t.d * 10 + u.d + 1,
       CONCAT('Demo product ', t.d * 10 + u.d + 1),
       CONCAT('A demo product for trying the API (', t.d * 10 + u.d + 1, ').'),
       ELT(MOD(t.d * 10 + u.d, 5) + 1, 'fashion', 'food', 'digital', 'home', 'beauty'),
       1000 * (MOD(t.d * 10 + u.d, 20) + 1),
       NOW(6)
FROM (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
      UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) t
CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
      UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) u;

INSERT INTO product_option (id, product_id, name, price, stock)
SELECT (p.id - 1) * 3 + o.k, p.id, ELT(o.k, 'S', 'M', 'L'), p.price + (o.k - 1) * 500, 1000
FROM product p
CROSS JOIN (SELECT 1 AS k UNION ALL SELECT 2 UNION ALL SELECT 3) o;
