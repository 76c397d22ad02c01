// SPDX-License-Identifier: GPL-2.0
#include <linux/llist.h>

/* llist_del_all() hands back newest first; consumers want arrival order. */
struct llist_node *llist_reverse_order(struct llist_node *head)
{
	struct llist_node *new_head = NULL;

	while (head) {
		struct llist_node *tmp = head;

		head = head->next;
		tmp->next = new_head;
		new_head = tmp;
	}
	return new_head;
}
