/* scn_schema.h — every field of a scenario file, described once.
 *
 * DESIGN — the schema is a set of const tables, one per map of the file
 * (a section, a list item, an instrument kind). An entry says what a field
 * is: its key, type, unit, range, default, whether it may be a
 * distribution, where it lives in the scenario struct, and one line of
 * documentation. The loader reads a map by walking its table (the table
 * order is the reading order, hence the canonical order of the uncertain
 * inputs, and the table's keys are the keys the map accepts); the path
 * setter of sweep (scn_path.h) resolves a path through the same tables and
 * checks a value against the same ranges; the field reference in
 * docs/scenario-format.md and the report's labels and units come from
 * them. Fields whose shape is not a plain value or a map keyed by names (a
 * name that must be unique, vendor sets, the installed base...) carry a
 * `hook` that the loader implements by hand; the table still names,
 * documents and orders them. Rules between fields are scn_check's
 * (scn_check.h).
 */
#ifndef SPECSIM_SCN_SCHEMA_H
#define SPECSIM_SCN_SCHEMA_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "scn.h"

typedef enum {
    SCN_T_NUM,      /* scn_num: a number or a distribution */
    SCN_T_REAL,     /* double, a plain number */
    SCN_T_INT,      /* int */
    SCN_T_LONG,     /* long */
    SCN_T_U64,      /* uint64_t, [0, 2^64 - 1] */
    SCN_T_BOOL,     /* bool */
    SCN_T_WORD,     /* int: index into `words`, or mapped by `codes` */
    SCN_T_TEXT,     /* char[SPECSIM_TEXT_MAX] */
    SCN_T_GEO,      /* scn_num[GEO_COUNT]: a map urban, suburban, rural */
    SCN_T_BY_REGION,/* scn_num[SPECSIM_REGIONS_MAX]: a map region -> num */
    SCN_T_BY_BAND,  /* double[SPECSIM_BANDS_MAX]: a map band -> number */
    SCN_T_BY_VENDOR,/* scn_num[SPECSIM_VENDORS_MAX]: a map vendor -> num */
    SCN_T_LOTS_BY_BAND, /* int[SPECSIM_BANDS_MAX]: a map band -> lots, each
                           at most the band's lots */
    SCN_T_MAP,      /* a map of its own fields, `sub` (same struct) */
    SCN_T_HOOK,     /* read by hand (see scn_hook) */
    SCN_T_COUNT
} scn_type;

/* What the loader does by hand for a SCN_T_HOOK field. */
typedef enum {
    SCN_H_NONE = 0,
    SCN_H_ENTITY_NAME,   /* region, band or vendor name, unique among them */
    SCN_H_OWN_NAME,      /* operator or policy name, unique in its list */
    SCN_H_CURRENCY,      /* ISO 4217 code */
    SCN_H_COUNTRY,       /* a region's country */
    SCN_H_REGION_SET,    /* a region name or a list of them */
    SCN_H_VENDOR_SET,    /* high_risk, a vendor name, or a list */
    SCN_H_VENDOR_REF,    /* one vendor's name */
    SCN_H_OPERATOR_SET,  /* an operator name or a list of them */
    SCN_H_INSTALLED,     /* the installed base */
    SCN_H_FORMAT,        /* auction format */
    SCN_H_STRATEGY,      /* bidding strategy and its parameter */
    SCN_H_ADDITIVE,      /* additive value model */
    SCN_H_INSTRUMENTS,   /* a policy's instruments */
    SCN_H_INPUT_PATH,    /* path of an uncertain input */
    SCN_H_SECTION,       /* a section of the file */
    SCN_H_PACKAGES,      /* an operator's explicit XOR packages */
    SCN_H_BAND_REF,      /* one band's name */
    SCN_H_SVM,           /* GSVM or LSVM value model parameters */
    SCN_H_COUNT
} scn_hook;

/* Ends of a range that depend on the scenario, resolved by
 * scn_schema_range. */
typedef enum {
    SCN_E_FIXED = 0,
    SCN_E_YEAR_FIRST,    /* horizon.first_year */
    SCN_E_YEAR_LAST,     /* horizon.last_year */
    SCN_E_YEAR_AFTER,    /* first_year + 1 */
    SCN_E_YEAR_SPAN,     /* first_year + SPECSIM_YEARS_MAX - 1, capped */
    SCN_E_NYEARS,        /* years of the horizon */
    SCN_E_NVENDORS,      /* number of vendors */
    SCN_E_FROM_YEAR,     /* the instrument's from_year */
} scn_end;

/* An interval with the noun used in messages ("a share in [0, 1]"). */
typedef struct {
    const char *noun;
    double lo, hi;
    bool lo_open, hi_open;
} scn_range;

/* Default of a field; `def` holds the value for SCN_D_VALUE. */
typedef enum {
    SCN_D_VALUE = 0,
    SCN_D_REQUIRED,
    SCN_D_REQUIRED_IF_HIGH_RISK, /* vendors: required when high_risk */
    SCN_D_YEAR_FIRST,            /* horizon.first_year */
    SCN_D_VENDORS_2,             /* min(2, number of vendors) */
} scn_default;

/* Flags of a field. */
enum {
    SCN_F_SHAPE = 1u << 0,  /* shapes the scenario: never set by a path */
};

typedef struct scn_field scn_field;
struct scn_field {
    const char *key;
    scn_type type;
    const char *unit;          /* "EUR per site", or "" */
    const scn_range *range;    /* numbers; NULL otherwise */
    scn_end lo_end, hi_end;    /* ends taken from the scenario */
    const char *note;          /* after the range in messages, or ""
                                  (see scn_schema_note) */
    scn_default dflt;
    double def;
    size_t offset;             /* in the struct the table describes */
    scn_hook hook;
    const char *type_doc;      /* the type in words when not plain */
    const char *const *words;  /* SCN_T_WORD: the words, NULL-terminated */
    const int *codes;          /* SCN_T_WORD: value stored for each word,
                                  or NULL for the word's index */
    const scn_field *sub;      /* SCN_T_MAP: its fields */
    int nsub;
    unsigned flags;
    const char *def_doc;       /* the default in words, or NULL */
    const char *range_doc;     /* the range in words, or NULL */
    const char *label;         /* the report's label, or NULL */
    const char *doc;           /* one line: meaning, source, assumption */
};

/* One map of the file and its fields. */
typedef struct {
    const char *name;          /* "market", "operators[]", "cap" */
    const scn_field *fields;
    int nfields;
} scn_table;

/* The tables: sections, list items, instrument kinds (by scn_instr_kind). */
extern const scn_table scn_schema_root, scn_schema_scenario, scn_schema_horizon,
    scn_schema_run, scn_schema_market, scn_schema_region, scn_schema_band,
    scn_schema_auction, scn_schema_additive, scn_schema_vendor,
    scn_schema_operator, scn_schema_policy, scn_schema_correlation,
    scn_schema_package;
/* The risk section (docs/model.md §8). */
extern const scn_table scn_schema_risk;
/* value_model gsvm and lsvm: their parameters */
extern const scn_table scn_schema_gsvm, scn_schema_lsvm;
extern const scn_table scn_schema_instrument[INSTR_COUNT];
/* Licence obligations (section obligations). */
extern const scn_table scn_schema_obligation;

/* Every table, in the order of the reference (NULL-terminated). */
extern const scn_table *const scn_schema_all[];

/* [0, 1], "a share": the range of every share. */
extern const scn_range scn_range_share;

/* Words of enumerations, as written in files (NULL-terminated). */
extern const char *const scn_geo_words[];

/* The entry of `key` in t, or NULL. */
const scn_field *scn_schema_find(const scn_table *t, const char *key);

/* The range of numeric field f, its scenario-dependent ends resolved for
 * scenario s and the struct `base` that holds the field (an instrument,
 * for SCN_E_FROM_YEAR). */
void scn_schema_range(const scn *s, const scn_field *f, const void *base,
                      scn_range *out);

/* The field's note for messages: "%d" in it stands for the end of its
 * range taken from the scenario (the lower one if both are). */
void scn_schema_note(const scn *s, const scn_field *f, const void *base,
                     char *buf, size_t len);

/* The names a map keyed by names (f of type SCN_T_GEO, _BY_REGION,
 * _BY_BAND, _BY_VENDOR or _LOTS_BY_BAND) takes in scenario s into names[]; returns
 * their count. */
int scn_schema_map_names(const scn *s, const scn_field *f,
                         const char *names[]);

/* Is v in r? */
bool scn_range_has(const scn_range *r, double v);

/* Shortest readable form of a number: 1e7, 0.35, -inf. */
void scn_fmt_num(double v, char *buf, size_t len);

/* "[0, 1e7]", "(0, 100]": the interval of a range. */
void scn_fmt_range(const scn_range *r, char *buf, size_t len);

/* Copy `text` to f with every generated block replaced by its table: a
 * block runs from a line "<!-- schema: NAME -->" to "<!-- end schema -->",
 * NAME being a table's name. ERR_SCENARIO with a message when a block is
 * unterminated or names no table. */
err_code scn_schema_update_doc(const char *text, FILE *f, err_t *e);

#endif
