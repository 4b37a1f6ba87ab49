/* perm.h: who may do what where. A grant is a role over a unit subtree. */
#ifndef QD_DOMAIN_PERM_H
#define QD_DOMAIN_PERM_H
#include <stdbool.h>
#include "model.h"

enum perm_action {
	PA_READ,           /* see records of the subtree */
	PA_READ_PERSONAL,  /* see submitters' personal data (handling roles) */
	PA_ITEM_CREATE,    /* put a new item on the list */
	PA_ITEM_EDIT,      /* change an item's fields */
	PA_ITEM_WORK,      /* start, add and progress measures, request sign-off */
	PA_ITEM_CLAIM,     /* a leader claims an item (认领) */
	PA_ITEM_VERIFY,    /* sign off, send back, reopen */
	PA_UNIT_ADMIN,     /* add, rename, move, deactivate units */
	PA_ACCOUNT_ADMIN,  /* people, accounts, grants */
	PA_COUNT
};

/* Whether role may perform action at all (ignoring where). */
bool role_allows(int role, enum perm_action a);

/* Whether some grant lets its holder do action on a record whose unit has
 * target_path. Verification needs the grant's unit strictly above the target
 * for leaders and admins; supervisors verify anywhere in their subtree. */
bool perm_allows(const struct grant *grants, int n, enum perm_action a,
		 const char *target_path);

/* Whether a grant for action covers a root unit (for global settings). */
bool perm_allows_global(const struct grant *grants, int n, enum perm_action a);

#endif
