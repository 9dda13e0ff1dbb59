-- Load set for load runs: 10,000 more products (ids 100001..110000) x 3 options, 1,000,000 units each.
-- Run against a migrated database:  mysql -h 127.0.0.1 -u root surge < src/main/resources/db/seed/catalog-10k.sql
-- Idempotent: rows that already exist are skipped.
INSERT IGNORE INTO product (id, name, description, category, price, created_at)
SELECT 100001 + n,
       CONCAT('Load product ', 100001 + n),
       CONCAT('Synthetic product for load runs (', 100001 + n, ').'),
       ELT(MOD(n, 5) + 1, 'fashion', 'food', 'digital', 'home', 'beauty'),
       1000 * (MOD(n, 20) + 1),
       NOW(6)
FROM (SELECT a.d * 1000 + b.d * 100 + c.d * 10 + e.d AS n
      FROM (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
            UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) a
      CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
            UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) b
      CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
            UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) c
      CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
            UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) e) s;

INSERT IGNORE INTO product_option (id, product_id, name, price, stock)
SELECT (p.id - 1) * 3 + o.k, p.id, ELT(o.k, 'S', 'M', 'L'), p.price + (o.k - 1) * 500, 1000000
FROM product p
CROSS JOIN (SELECT 1 AS k UNION ALL SELECT 2 UNION ALL SELECT 3) o
WHERE p.id > 100000;
