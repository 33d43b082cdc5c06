/** Defaults shared by startEddy and the CLI. */
export const DEFAULT_PORT = 8000;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATA_DIR = '.eddy';
/** The SQLite engine's file inside the data directory. */
export const DB_FILE = 'eddy.sqlite';
/** The engines that keep data in the data directory (see StartOptions.fileEngine). */
export type FileEngineKind = 'log' | 'sqlite';
