-- Who put money into a wallet: the admin's member id for an ADMIN_CREDIT, the member themself for a demo
-- SELF_CHARGE, NULL for order payments (the order names the payer). Money never appears without a name on it.
ALTER TABLE wallet_ledger ADD COLUMN credited_by BIGINT NULL AFTER order_id;
