-- One locator index per client profile instead of one for both (spec 9: an appointment only matches its own
-- profile's locator). A block's match seeks every transaction under both byte orders, 8,000 seeks for 4,000
-- transactions; each profile's seeks now descend an index holding only that profile's appointments, so a tower
-- whose users are all rust-teos (or all python-teos) pays for the other half with a seek into an empty index.
DROP INDEX appointments_locator;
CREATE INDEX appointments_rust_locator ON appointments (locator) WHERE profile = 0;
CREATE INDEX appointments_python_locator ON appointments (locator) WHERE profile = 1;
