/*
 * test_site.h: the small history the site's tests render (goldens, link
 * checker, feed, browser): the fixture demo's two editions
 * (test_repo_build_fixture_demo: 2022-09, 2023-04), then a third,
 * 2023-10 (2023-10-31 10:00 +09:00, tag edition/2023-10), in which 1-10
 * is renumbered 1-11 and 1-1's answer turns hostile: it holds <script>,
 * </title>, ]]> and an <img onerror>, which every page and the feed must
 * show as text.
 */
#ifndef TEST_SITE_H
#define TEST_SITE_H

#include "test_repo.h"

/* The markup 1-1's answer holds in 2023-10 (as it appears in the JSON). */
#define TEST_SITE_HOSTILE                                               \
	"<script>document.title='pwned'</script></title>]]><img src=x " \
	"onerror=alert(1)>"

void test_site_build_history(test_repo *r);

#endif
