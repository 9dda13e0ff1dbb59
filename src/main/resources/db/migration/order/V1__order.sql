-- Orders. Status and dispatch status only move through conditional updates (see OrderStatus / DispatchStatus).
-- (member_id, idempotency_key) is unique: a repeated Idempotency-Key returns the first order. (status, expires_at)
-- lets the expiry job find due orders without scanning.
CREATE TABLE orders (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    member_id       BIGINT       NOT NULL,
    status          VARCHAR(20)  NOT NULL,
    dispatch_status VARCHAR(20)  NOT NULL,
    failure_reason  VARCHAR(100) NULL,
    total_amount    BIGINT       NOT NULL,
    discount_amount BIGINT       NOT NULL,
    final_amount    BIGINT       NOT NULL,
    user_coupon_id  BIGINT       NULL,
    idempotency_key VARCHAR(100) NULL,
    expires_at      TIMESTAMP(6) NOT NULL,
    created_at      TIMESTAMP(6) NOT NULL,
    updated_at      TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_orders_idempotency UNIQUE (member_id, idempotency_key),
    INDEX ix_orders_member (member_id, id),
    INDEX ix_orders_due (status, expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE order_item (
    order_id     BIGINT       NOT NULL,
    option_id    BIGINT       NOT NULL,
    product_id   BIGINT       NOT NULL,
    product_name VARCHAR(200) NOT NULL,
    option_name  VARCHAR(100) NOT NULL,
    unit_price   BIGINT       NOT NULL,
    quantity     INT          NOT NULL,
    PRIMARY KEY (order_id, option_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
