-- The fence between a campaign's Redis state and the rows written for it. A rebuild from MySQL increments it under
-- an exclusive lock on the campaign row; every write of issued coupons holds a shared lock on the same row and
-- stores only rows issued under the current epoch. A row issued before a rebuild can therefore never land after the
-- rebuild has counted the rows (which would issue its unit twice), however late the write is.
ALTER TABLE coupon ADD COLUMN state_epoch BIGINT NOT NULL DEFAULT 0;
