/*
 * bench_text.h: what the benchmark programs make their sheet text from
 * (gen_history.c's histories, bench_match.c's candidate lists): a fixed
 * pseudo-random sequence and the phrases answers are built of, so that
 * both look alike and every run is the same.
 */
#ifndef SL_BENCH_TEXT_H
#define SL_BENCH_TEXT_H

#include <stdint.h>

static uint64_t rng = 0x9E3779B97F4A7C15ull;

/* xorshift64: deterministic, not random. */
static uint32_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 11);
}

static const char *const phrases[] = {
	"アクセス制御を実施しています",
	"ログを一定期間保存しています",
	"定められた手順に従い対応しています",
	"暗号化して保管しています",
	"第三者認証を取得しています",
	"監視を24時間365日行っています",
	"責任範囲をユーザーと分担しています",
	"脆弱性診断を定期的に実施しています",
	"バックアップを取得しています",
	"教育を年1回実施しています",
	"規定に則り運用しています",
	"詳細は非公開となります",
	"運用方法は利用規約に定めています",
	"管理者が1日2回確認しています",
};
#define NPHRASES (sizeof(phrases) / sizeof(phrases[0]))

#endif
