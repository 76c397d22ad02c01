/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Lock-less NULL-terminated singly linked list, as include/linux/llist.h:
 * any number of producers llist_add() concurrently, one consumer takes the
 * whole list with llist_del_all() (which returns it newest first).
 */
#ifndef _LINUX_LLIST_H
#define _LINUX_LLIST_H

#include <linux/atomic.h>
#include <linux/compiler.h>

struct llist_head {
	struct llist_node *first;
};

struct llist_node {
	struct llist_node *next;
};

#define LLIST_HEAD_INIT(name)	{ NULL }

static inline void init_llist_head(struct llist_head *list)
{
	list->first = NULL;
}

static inline bool llist_empty(const struct llist_head *head)
{
	return READ_ONCE(head->first) == NULL;
}

/* Returns true when the list was empty before: the caller must kick the consumer. */
static inline bool llist_add(struct llist_node *new, struct llist_head *head)
{
	struct llist_node *first = READ_ONCE(head->first);

	do {
		new->next = first;
	} while (!__atomic_compare_exchange_n(&head->first, &first, new, true,
					      __ATOMIC_RELEASE, __ATOMIC_RELAXED));
	return first == NULL;
}

static inline struct llist_node *llist_del_all(struct llist_head *head)
{
	return __atomic_exchange_n(&head->first, NULL, __ATOMIC_ACQUIRE);
}

struct llist_node *llist_reverse_order(struct llist_node *head);

#define llist_entry(ptr, type, member)	container_of(ptr, type, member)

#define llist_for_each_safe(pos, n, node) \
	for ((pos) = (node); (pos) && ((n) = (pos)->next, true); (pos) = (n))

#endif
