/* tree.h: the unit tree as materialized paths ("/1/5/23/").
 * A subtree is the half-open text range [path, path_upper(path)). */
#ifndef QD_DOMAIN_TREE_H
#define QD_DOMAIN_TREE_H
#include <stdbool.h>
#include <stdint.h>

#define PATH_MAX_DEPTH 32

/* The path of a child with id under parent_path (NULL for a root). Caller frees. */
char *path_child(const char *parent_path, int64_t id);
/* The exclusive upper bound of the subtree range of path. Caller frees. */
char *path_upper(const char *path);
/* True when b lies in the subtree of a (a itself included). */
bool path_covers(const char *a, const char *b);
/* True when b lies strictly below a. */
bool path_strictly_below(const char *a, const char *b);
/* Ids along path, root first; returns how many (at most max), -1 if malformed. */
int path_ids(const char *path, int64_t *ids, int max);
/* Order of paths by their ids, root first ("/1/2/" before "/1/10/"),
 * a unit before its subtree. */
int path_compare(const char *a, const char *b);
/* Depth of a path: number of ids minus one (-1 if malformed). */
int path_depth(const char *path);

#endif
