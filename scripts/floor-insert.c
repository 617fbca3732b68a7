/* SQLite's floor for a row-by-row importer: the rows reeval stored, inserted again one by one
 * with a prepared INSERT and one bind per value, into an empty reeval database, in one
 * transaction. No CSV, no normalising: what any importer that binds its rows must pay. The rows
 * are all read into memory first (about 4.5 KB per row), so the timed part is SQLite alone.
 *
 *   cc -O2 -o floor-insert scripts/floor-insert.c -lsqlite3
 *   floor-insert DONE.sqlite EMPTY.sqlite      (prints the seconds of the inserting alone)
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void check(int code, sqlite3 *db, const char *what) {
    if (code != SQLITE_OK && code != SQLITE_DONE && code != SQLITE_ROW) {
        fprintf(stderr, "floor-insert: %s: %s\n", what, sqlite3_errmsg(db));
        exit(1);
    }
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: floor-insert DONE.sqlite EMPTY.sqlite\n"); return 64; }
    sqlite3 *src, *dst;
    check(sqlite3_open_v2(argv[1], &src, SQLITE_OPEN_READONLY, NULL), NULL, argv[1]);
    check(sqlite3_open_v2(argv[2], &dst, SQLITE_OPEN_READWRITE, NULL), NULL, argv[2]);
    /* The stored columns (a generated one, like dismissed_at, is not inserted). */
    sqlite3_stmt *names;
    check(sqlite3_prepare_v2(dst, "SELECT group_concat(name, ', ') FROM pragma_table_info('leads')", -1, &names, NULL), dst, "columns");
    check(sqlite3_step(names), dst, "columns");
    char list[8192], select[9000];
    snprintf(list, sizeof list, "%s", (const char *)sqlite3_column_text(names, 0));
    sqlite3_finalize(names);
    snprintf(select, sizeof select, "SELECT %s FROM leads ORDER BY id", list);
    sqlite3_stmt *read;
    check(sqlite3_prepare_v2(src, select, -1, &read, NULL), src, "select");
    int columns = sqlite3_column_count(read);
    size_t capacity = 1024, rows = 0;
    sqlite3_value **values = malloc(capacity * columns * sizeof *values);
    while (sqlite3_step(read) == SQLITE_ROW) {
        if (rows == capacity) { capacity *= 2; values = realloc(values, capacity * columns * sizeof *values); }
        for (int c = 0; c < columns; c++) values[rows * columns + c] = sqlite3_value_dup(sqlite3_column_value(read, c));
        rows++;
    }
    sqlite3_finalize(read);
    char sql[16384];
    snprintf(sql, sizeof sql, "INSERT INTO leads(%s) VALUES (?", list);
    for (int c = 1; c < columns; c++) strcat(sql, ", ?");
    strcat(sql, ")");
    check(sqlite3_exec(dst, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = OFF;", NULL, NULL, NULL), dst, "pragmas");
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    char attach[4096];
    snprintf(attach, sizeof attach, "ATTACH '%s' AS done; BEGIN IMMEDIATE; INSERT INTO imports SELECT * FROM done.imports;", argv[1]);
    check(sqlite3_exec(dst, attach, NULL, NULL, NULL), dst, "begin");
    sqlite3_stmt *insert;
    check(sqlite3_prepare_v2(dst, sql, -1, &insert, NULL), dst, "insert");
    for (size_t r = 0; r < rows; r++) {
        for (int c = 0; c < columns; c++) {
            sqlite3_value *v = values[r * columns + c];
            switch (sqlite3_value_type(v)) {   /* as an importer binds: text copied, numbers by value */
            case SQLITE_INTEGER: sqlite3_bind_int64(insert, c + 1, sqlite3_value_int64(v)); break;
            case SQLITE_FLOAT: sqlite3_bind_double(insert, c + 1, sqlite3_value_double(v)); break;
            case SQLITE_TEXT: sqlite3_bind_text(insert, c + 1, (const char *)sqlite3_value_text(v), sqlite3_value_bytes(v), SQLITE_TRANSIENT); break;
            case SQLITE_BLOB: sqlite3_bind_blob(insert, c + 1, sqlite3_value_blob(v), sqlite3_value_bytes(v), SQLITE_TRANSIENT); break;
            default: sqlite3_bind_null(insert, c + 1);
            }
        }
        check(sqlite3_step(insert), dst, "step");
        sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    check(sqlite3_exec(dst, "COMMIT", NULL, NULL, NULL), dst, "commit");
    sqlite3_close(dst);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("%.2f\n", (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
    return 0;
}
