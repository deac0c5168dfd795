/**
 * The most a gzip'd dump may unpack to. 2 MB of gzip'd zeros unpack to 2 GB: the reader checks as
 * it unpacks and stops here. Its own module so the viewer's page can name it without the parser.
 */
export const MAX_DECOMPRESSED_MIB = 256;
