/*
 * meeting_view — what the meeting page (meetings.c) and its printout and action items
 * (meeting_actions.c) share: the meeting as read for one screen and the pieces both write.
 * Internal to src/pages.
 */
#ifndef TSUNAGU_MEETING_VIEW_H
#define TSUNAGU_MEETING_VIEW_H

#include "domain/meeting.h"
#include "pages.h"

/* Everything the meeting page and its printout show, read before anything is written out. */
struct meeting_view {
	struct meeting m;                /* the meeting */
	struct meeting_attendance *att;  /* who came */
	size_t natt;                     /* how many rows */
	struct meeting_totals totals;    /* by sector */
	struct meeting_case *cases;      /* reviewed, as the user may see them */
	size_t ncases;                   /* how many */
	struct action_item *actions;     /* open first */
	size_t nactions;                 /* how many */
	struct meeting *series;          /* the other meetings of its series */
	size_t nseries;                  /* how many */
	struct page_wards wards;         /* for names */
	bool names;                      /* some reviewed case shows its person */
};

/* Reads meeting id with everything the page shows, reviewed cases under the user's access. */
int meeting_view_load(struct request *req, int64_t id, struct meeting_view *v);

/* The meeting's particulars as a list of pairs (opens a <dl>; the caller closes it). */
void meeting_pairs(struct request *req, const struct meeting_view *v);

/* Attendance and its totals by sector; remove buttons when manage. */
void meeting_attendance_tables(struct request *req, const struct meeting_view *v, bool manage);

/* True when the user may mark item done: the city any, the others their organisation's. */
bool meeting_may_finish(const struct request *req, const struct action_item *it);

/* The done button of an action item; back says where to return ("home" or "meeting"). */
void meeting_done_button(struct request *req, const struct action_item *it, const char *back, const char *what);

/* A <td> with the item's due date, "(overdue)" when it has passed undone. */
void meeting_due_cell(struct request *req, const struct action_item *it, const char *today);

#endif
