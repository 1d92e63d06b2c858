/* scn_docs.c — rewrite the generated blocks of a document (the field
 * reference of docs/scenario-format.md) from the scenario schema.
 *
 *   usage: scn_docs FILE > NEW   (make docs)
 */
#include <stdio.h>
#include <stdlib.h>

#include "scn_schema.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: scn_docs FILE > NEW\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (f == NULL) {
        perror(argv[1]);
        return 1;
    }
    static char text[1 << 20];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    if (n == sizeof text - 1) {
        fprintf(stderr, "%s: larger than %zu bytes\n", argv[1], n);
        return 1;
    }
    text[n] = '\0';
    err_t e;
    if (scn_schema_update_doc(text, stdout, &e) != ERR_OK) {
        fprintf(stderr, "%s: %s\n", argv[1], e.msg);
        return 1;
    }
    return 0;
}
