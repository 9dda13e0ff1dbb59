-- An event is as large as its payload: an OrderPaid of 20 lines with long product and option names is well over
-- 4,000 characters, and a publication that does not fit fails its transaction on every retry (after the wallet was
-- debited). MEDIUMTEXT holds 16 MB; the column is never indexed or compared.
ALTER TABLE EVENT_PUBLICATION MODIFY SERIALIZED_EVENT MEDIUMTEXT NOT NULL;
ALTER TABLE EVENT_PUBLICATION_ARCHIVE MODIFY SERIALIZED_EVENT MEDIUMTEXT NOT NULL;
