-- Wallet balance per member; never negative (every debit is conditional, and the CHECK backs it up).
CREATE TABLE wallet (
    member_id  BIGINT       NOT NULL,
    balance    BIGINT       NOT NULL,
    updated_at TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (member_id),
    CONSTRAINT ck_wallet_balance CHECK (balance >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Append-only: one row per balance change, written in the same transaction. order_id is unique, so an order can be
-- debited once (NULLs, i.e. charges, are not constrained).
CREATE TABLE wallet_ledger (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    member_id     BIGINT       NOT NULL,
    amount        BIGINT       NOT NULL,
    kind          VARCHAR(20)  NOT NULL,
    order_id      BIGINT       NULL,
    balance_after BIGINT       NOT NULL,
    created_at    TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_ledger_order UNIQUE (order_id),
    INDEX ix_ledger_member (member_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The outcome of charging each order, keyed by order: a repeated request finds it and does nothing.
CREATE TABLE payment (
    order_id       BIGINT       NOT NULL,
    member_id      BIGINT       NOT NULL,
    amount         BIGINT       NOT NULL,
    status         VARCHAR(20)  NOT NULL,
    failure_reason VARCHAR(100) NULL,
    created_at     TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (order_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
