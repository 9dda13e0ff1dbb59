-- Campaigns and the coupons issued from them. Redis decides who gets a coupon; these rows are the durable record
-- every Redis state is rebuilt from.
CREATE TABLE coupon (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    name            VARCHAR(100) NOT NULL,
    discount_type   VARCHAR(10)  NOT NULL,
    discount_value  BIGINT       NOT NULL,
    total_quantity  INT          NOT NULL,
    issue_starts_at TIMESTAMP(3) NOT NULL,
    issue_ends_at   TIMESTAMP(3) NOT NULL,
    valid_days      INT          NOT NULL,
    created_at      TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- id = coupon_id * 1,000,000,000 + ordinal (the n-th issue of that campaign), assigned by the Redis script, so the
-- 201 can name the coupon before this row is written and a rebuilt Redis state continues without collisions.
CREATE TABLE user_coupon (
    id         BIGINT       NOT NULL,
    coupon_id  BIGINT       NOT NULL,
    member_id  BIGINT       NOT NULL,
    status     VARCHAR(10)  NOT NULL,
    order_id   BIGINT       NULL,
    issued_at  TIMESTAMP(3) NOT NULL,
    expires_at TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_user_coupon_coupon_member UNIQUE (coupon_id, member_id),
    KEY ix_user_coupon_member (member_id, issued_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
