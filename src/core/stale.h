/*
 * stale.h: answers nobody has looked at for a long time (the review
 * cycle of questionnaire libraries' expiry reminders). An answer's last
 * event is the newer of the commit that last set it (blame, notation-only
 * edits ignored) and the newest approval or confirmation of its current
 * content (approval.h). Stale: the last event is older than the cutoff.
 */
#ifndef SL_STALE_H
#define SL_STALE_H

#include <stddef.h>
#include <stdint.h>

#include "repo.h"
#include "repo_walk.h"

typedef enum sl_stale_event {
	SL_STALE_SET,       /* a commit set the answer */
	SL_STALE_APPROVED,  /* an approval of the content now */
	SL_STALE_CONFIRMED, /* approve --confirm of the content now */
} sl_stale_event;

typedef struct sl_stale_entry {
	char *id;     /* owned; the item id at HEAD */
	char *owners; /* owned; "a, b" from sheet.json's owners, or NULL */
	sl_stale_event event;
	int64_t time; /* of the last event */
	int offset_min;
	char commit[41]; /* SL_STALE_SET: the commit ("" beyond a shallow
			  * boundary) */
	char *who;       /* owned; the commit's author or the approver */
	char *what;      /* owned; the commit's summary or the note */
	char *edition;   /* owned; the edition that published the commit */
	int64_t days;    /* whole days from the event to now */
} sl_stale_entry;

typedef struct sl_stale {
	sl_stale_entry *items; /* owned; oldest first, then by id */
	size_t count;
	size_t checked;   /* items looked at */
	int64_t now;      /* the time the ages are counted to */
	int64_t cutoff;   /* events before this are stale */
	char *older_than; /* owned; the spec, "12m" */
} sl_stale;

/*
 * The cutoff for a spec "N" + d (days), w (weeks), m (calendar months)
 * or y (years) before now, in UTC. @return 0 or SL_EUSAGE
 */
int sl_stale_cutoff(int64_t *out, const char *spec, int64_t now);

/*
 * Every item of HEAD whose last event is older than spec before now.
 * new: *out (sl_stale_free). @return 0, SL_EUSAGE (bad spec),
 * SL_ENOTFOUND (no commit), SL_EINVALID, SL_EREPO or SL_ENOMEM
 */
int sl_stale_compute(sl_stale **out, sl_repo *repo, const char *spec,
		     int64_t now, const sl_walk_options *walk);
void sl_stale_free(sl_stale *s);

#endif
