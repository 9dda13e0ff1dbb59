-- Consumer idempotency: one row per (listener, event) applied, written in the effect's transaction.
CREATE TABLE processed_event (
    listener_id  VARCHAR(100) NOT NULL,
    event_id     CHAR(36)     NOT NULL,
    processed_at TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (listener_id, event_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Records that exhausted their retries or were poison, copied from the <topic>-dlt topics for listing and replay.
CREATE TABLE dead_letter (
    id             BIGINT        NOT NULL AUTO_INCREMENT,
    topic          VARCHAR(249)  NOT NULL,
    original_topic VARCHAR(249)  NOT NULL,
    partition_no   INT           NOT NULL,
    offset_no      BIGINT        NOT NULL,
    record_key     VARCHAR(255)  NULL,
    payload        MEDIUMBLOB    NULL,
    exception      VARCHAR(1000) NULL,
    dead_at        TIMESTAMP(6)  NOT NULL,
    replayed_at    TIMESTAMP(6)  NULL,
    replay_count   INT           NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_dead_letter_record UNIQUE (topic, partition_no, offset_no)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
