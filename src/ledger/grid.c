/* grid.c: access to and release of grids read from files. */
#include "grid.h"
#include <stdlib.h>

const struct gcell *grid_cell(const struct grid *g, int row, int col)
{
	if (!g || row < 0 || col < 0 || row >= g->nrows || col >= g->ncols)
		return NULL;
	return &g->cells[(size_t)row * (size_t)g->ncols + (size_t)col];
}

const char *grid_text(const struct grid *g, int row, int col)
{
	const struct gcell *c = grid_cell(g, row, col);
	return c && c->text ? c->text : "";
}

void grid_free(struct grid *g)
{
	if (!g)
		return;
	size_t n = (size_t)g->nrows * (size_t)g->ncols;
	for (size_t i = 0; g->cells && i < n; i++)
		free(g->cells[i].text);
	free(g->cells);
	free(g->name);
	g->cells = NULL;
	g->name = NULL;
	g->nrows = g->ncols = 0;
}

void grid_book_free(struct grid_book *b)
{
	if (!b)
		return;
	for (int i = 0; i < b->n; i++)
		grid_free(&b->sheets[i]);
	free(b->sheets);
	b->sheets = NULL;
	b->n = 0;
}
