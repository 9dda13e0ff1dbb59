-- One row per paid order sent (or being sent) to the external platform.
CREATE TABLE dispatch (
    order_id   BIGINT       NOT NULL,
    status     VARCHAR(20)  NOT NULL,
    attempts   INT          NOT NULL,
    last_error VARCHAR(500) NULL,
    created_at TIMESTAMP(6) NOT NULL,
    updated_at TIMESTAMP(6) NOT NULL,
    sent_at    TIMESTAMP(6) NULL,
    PRIMARY KEY (order_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
