/*
 * cmds.h: every command's entry point and option table. One line per
 * command; cli.c builds the command table from them.
 */
#ifndef SL_CMDS_H
#define SL_CMDS_H

#include "cli.h"

#define SL_DECLARE_CMD(name)              \
	int sl_cmd_##name(sl_cli_cmd *c); \
	extern const sl_cmd_spec sl_cmd_##name##_spec

SL_DECLARE_CMD(approve);
SL_DECLARE_CMD(audit);
SL_DECLARE_CMD(blame);
SL_DECLARE_CMD(changelog);
SL_DECLARE_CMD(diff);
SL_DECLARE_CMD(editions);
SL_DECLARE_CMD(export);
SL_DECLARE_CMD(fmt);
SL_DECLARE_CMD(history);
SL_DECLARE_CMD(import);
SL_DECLARE_CMD(insert);
SL_DECLARE_CMD(install_hooks);
SL_DECLARE_CMD(lint);
SL_DECLARE_CMD(log);
SL_DECLARE_CMD(move);
SL_DECLARE_CMD(publish);
SL_DECLARE_CMD(remove);
SL_DECLARE_CMD(review);
SL_DECLARE_CMD(show);
SL_DECLARE_CMD(site);
SL_DECLARE_CMD(stale);
SL_DECLARE_CMD(textconv);
/* hidden (cmd_hidden.c) */
SL_DECLARE_CMD(complete);
SL_DECLARE_CMD(completion);
SL_DECLARE_CMD(man);

#endif
