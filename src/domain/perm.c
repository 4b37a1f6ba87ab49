/* perm.c: the permission matrix (role x action) and subtree coverage. */
#include "perm.h"
#include "codes.h"
#include "tree.h"

/* Rows: roles in enum order. Columns: enum perm_action. */
static const bool matrix[ROLE_COUNT][PA_COUNT] = {
	/*                 READ  PERS  CREA  EDIT  WORK  CLAI  VERI  UNIT  ACCT */
	[ROLE_ADMIN]       = {1,    1,    1,    1,    1,    0,    1,    1,    1},
	[ROLE_LEADER]      = {1,    1,    1,    1,    1,    1,    1,    0,    0},
	[ROLE_HANDLER]     = {1,    1,    1,    1,    1,    0,    0,    0,    0},
	[ROLE_GRID_WORKER] = {1,    0,    1,    0,    1,    0,    0,    0,    0},
	[ROLE_SUPERVISOR]  = {1,    0,    1,    0,    0,    0,    1,    0,    0},
	[ROLE_VIEWER]      = {1,    0,    0,    0,    0,    0,    0,    0,    0},
};

bool role_allows(int role, enum perm_action a)
{
	if (role < 0 || role >= ROLE_COUNT || a < 0 || a >= PA_COUNT)
		return false;
	return matrix[role][a];
}

static bool grant_reaches(const struct grant *g, enum perm_action a,
			  const char *target_path)
{
	if (!role_allows(g->role, a))
		return false;
	if (a == PA_ITEM_VERIFY && g->role != ROLE_SUPERVISOR)
		return path_strictly_below(g->unit_path, target_path);
	return path_covers(g->unit_path, target_path);
}

bool perm_allows(const struct grant *grants, int n, enum perm_action a,
		 const char *target_path)
{
	for (int i = 0; i < n; i++)
		if (grant_reaches(&grants[i], a, target_path))
			return true;
	return false;
}

bool perm_allows_global(const struct grant *grants, int n, enum perm_action a)
{
	for (int i = 0; i < n; i++)
		if (role_allows(grants[i].role, a) && path_depth(grants[i].unit_path) == 0)
			return true;
	return false;
}
