-- An uploaded file is transient (deleted once its import ends) and can be uploaded again: its chunks skip the WAL. A
-- 100 MB upload wrote about as much WAL in a second, and every live commit then waited for its flush (docs/imports.md).
-- A database crash empties the table; the import of a file it held then fails, saying to upload it again.
ALTER TABLE imports.file_chunks SET UNLOGGED;
