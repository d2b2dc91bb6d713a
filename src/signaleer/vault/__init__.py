"""The vault: age-encrypted case files, one passphrase-protected identity, atomic durable writes."""
