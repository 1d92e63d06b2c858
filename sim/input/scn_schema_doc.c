/* scn_schema_doc.c — the field reference of docs/scenario-format.md,
 * written from the schema.
 *
 * DESIGN — the document is prose with generated blocks: each block is
 * delimited by marker comments naming a table, and is replaced by that
 * table's Markdown rendering; everything outside the blocks is copied as
 * it is. So the prose stays hand-written while every field's type, unit,
 * range and default come from the one place the loader reads them.
 */
#include "scn_schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MARK_OPEN "<!-- schema: "
#define MARK_CLOSE "<!-- end schema -->"

static const char *type_word(const scn_field *f)
{
    static const char *const words[SCN_T_COUNT] = {
        [SCN_T_NUM] = "num", [SCN_T_REAL] = "number", [SCN_T_INT] = "int",
        [SCN_T_LONG] = "int", [SCN_T_U64] = "int", [SCN_T_BOOL] = "bool",
        [SCN_T_WORD] = "word", [SCN_T_TEXT] = "text",
        [SCN_T_GEO] = "map geotype → num",
        [SCN_T_BY_REGION] = "map region → num",
        [SCN_T_BY_BAND] = "map band → number",
        [SCN_T_BY_VENDOR] = "map vendor → num",
        [SCN_T_LOTS_BY_BAND] = "map band → int", [SCN_T_MAP] = "map",
        [SCN_T_HOOK] = "",
    };
    return f->type_doc != NULL ? f->type_doc : words[f->type];
}

static const char *end_word(scn_end e)
{
    switch (e) {
    case SCN_E_YEAR_FIRST: return "first_year";
    case SCN_E_YEAR_LAST: return "last_year";
    case SCN_E_YEAR_AFTER: return "first_year + 1";
    case SCN_E_YEAR_SPAN: return "first_year + 29";
    case SCN_E_NYEARS: return "years of the horizon";
    case SCN_E_NVENDORS: return "number of vendors";
    case SCN_E_FROM_YEAR: return "from_year";
    default: return NULL;
    }
}

/* A number as the reference writes it: the shorter of 10000 and 1e4. */
static void doc_num(double v, char *buf, size_t len)
{
    char g[40];
    scn_fmt_num(v, buf, len);
    if (isinf(v) || v != floor(v) || fabs(v) < 1e4) return;
    snprintf(g, sizeof g, "%.6g", v);
    char *e = strchr(g, 'e');
    if (e == NULL) return;
    int exp = atoi(e + 2);
    snprintf(e + 1, sizeof g - (size_t)(e + 1 - g), "%d", exp);
    if (strlen(g) < strlen(buf)) snprintf(buf, len, "%s", g);
}

static void range_text(const scn_field *f, char *buf, size_t len)
{
    char lo[40], hi[40];
    buf[0] = '\0';
    if (f->range_doc != NULL) {
        snprintf(buf, len, "%s", f->range_doc);
    } else if (f->type == SCN_T_WORD) {
        size_t o = 0;
        for (int i = 0; f->words[i] != NULL && o + 1 < len; i++)
            o += (size_t)snprintf(buf + o, len - o, "%s`%s`", i ? ", " : "",
                                  f->words[i]);
    } else if (f->range != NULL) {
        const char *l = end_word(f->lo_end), *h = end_word(f->hi_end);
        doc_num(f->range->lo, lo, sizeof lo);
        doc_num(f->range->hi, hi, sizeof hi);
        bool each = f->type == SCN_T_GEO || f->type == SCN_T_BY_REGION ||
                    f->type == SCN_T_BY_BAND || f->type == SCN_T_BY_VENDOR;
        snprintf(buf, len, "%s%c%s, %s%c", each ? "each " : "",
                 f->range->lo_open ? '(' : '[', l ? l : lo, h ? h : hi,
                 f->range->hi_open ? ')' : ']');
    }
}

static void default_text(const scn_field *f, char *buf, size_t len)
{
    if (f->dflt == SCN_D_REQUIRED) {
        snprintf(buf, len, "required");
    } else if (f->type == SCN_T_BOOL) {
        snprintf(buf, len, "%s", f->def != 0 ? "true" : "false");
    } else if (f->type == SCN_T_WORD) {
        snprintf(buf, len, "`%s`", f->words[(int)f->def]);
    } else if (f->type == SCN_T_MAP || f->type == SCN_T_TEXT) {
        snprintf(buf, len, "none");
    } else {
        doc_num(f->def, buf, len);
    }
}

static void write_rows(FILE *f, const scn_field *fs, int n,
                       const char *prefix)
{
    char range[160], def[160];
    for (int i = 0; i < n; i++) {
        const scn_field *x = &fs[i];
        range_text(x, range, sizeof range);
        default_text(x, def, sizeof def);
        bool drawn = x->type == SCN_T_NUM || x->type == SCN_T_GEO ||
                     x->type == SCN_T_BY_REGION ||
                     x->type == SCN_T_BY_VENDOR ||
                     x->hook == SCN_H_INSTALLED;
        /* def_doc is written whole: a buffer would cut a long one short */
        fprintf(f, "| `%s%s` | %s | %s | %s | %s | %s | %s |\n", prefix,
                x->key, type_word(x), x->unit != NULL ? x->unit : "", range,
                x->def_doc != NULL ? x->def_doc : def, drawn ? "yes" : "no",
                x->doc);
        if (x->type == SCN_T_MAP) {
            char sub[64];
            snprintf(sub, sizeof sub, "%s%s.", prefix, x->key);
            write_rows(f, x->sub, x->nsub, sub);
        }
    }
}

/* The Markdown table of `t` (one row per field: path, type, unit, range,
 * default, distribution allowed, meaning) to f. */
static void write_table(FILE *f, const scn_table *t)
{
    fputs("| field | type | unit | range | default | distribution | "
          "meaning |\n|---|---|---|---|---|---|---|\n", f);
    write_rows(f, t->fields, t->nfields, "");
}

static const scn_table *table_named(const char *name, size_t len)
{
    for (int i = 0; scn_schema_all[i] != NULL; i++)
        if (strlen(scn_schema_all[i]->name) == len &&
            memcmp(scn_schema_all[i]->name, name, len) == 0)
            return scn_schema_all[i];
    return NULL;
}

err_code scn_schema_update_doc(const char *text, FILE *f, err_t *e)
{
    const char *p = text;
    int line = 1;
    for (;;) {
        const char *open = strstr(p, MARK_OPEN);
        if (open == NULL) break;
        const char *name = open + strlen(MARK_OPEN);
        const char *end_name = strstr(name, " -->");
        const char *eol = strchr(open, '\n');
        for (const char *c = p; c < open; c++) line += *c == '\n';
        if (end_name == NULL || eol == NULL || end_name > eol)
            return err_set(e, ERR_SCENARIO, "line %d: expected \"%sNAME "
                           "-->\" on one line", line, MARK_OPEN);
        const scn_table *t = table_named(name, (size_t)(end_name - name));
        if (t == NULL)
            return err_set(e, ERR_SCENARIO, "line %d: %.*s: expected the "
                           "name of a schema table", line,
                           (int)(end_name - name), name);
        const char *close = strstr(eol, MARK_CLOSE);
        if (close == NULL)
            return err_set(e, ERR_SCENARIO, "line %d: expected \"%s\" after "
                           "the block", line, MARK_CLOSE);
        fwrite(p, 1, (size_t)(eol + 1 - p), f);
        write_table(f, t);
        for (const char *c = open; c < close; c++) line += *c == '\n';
        p = close;
    }
    fputs(p, f);
    return ERR_OK;
}
