/* harness_xlsx.h: a workbook around one XML part, for the targets that read
 * xlsx (fuzz_xlsx.c, fuzz_import.c). Zip CRCs make mutations of a packed
 * part useless, so an input can instead be one letter and an XML part that
 * is packed, uncompressed, into an otherwise valid workbook: W the
 * worksheet, S the shared strings, R the relationships, B the workbook.
 * This reaches the XML handlers directly. */
#ifndef QD_TESTS_FUZZ_HARNESS_XLSX_H
#define QD_TESTS_FUZZ_HARNESS_XLSX_H
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
	   "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define RT "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

static const char *const fz_parts[][2] = {
	{"xl/workbook.xml", "<workbook " NS "><sheets><sheet name=\"a\" sheetId=\"1\" "
			    "r:id=\"rId1\"/><sheet name=\"b\" sheetId=\"2\" r:id=\"rId3\"/>"
			    "</sheets></workbook>"},
	{"xl/_rels/workbook.xml.rels",
	 "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	 "<Relationship Id=\"rId1\" Type=\"" RT "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	 "<Relationship Id=\"rId2\" Type=\"" RT "sharedStrings\" Target=\"sharedStrings.xml\"/>"
	 "<Relationship Id=\"rId3\" Type=\"" RT "worksheet\" Target=\"/xl/worksheets/sheet1.xml\"/>"
	 "</Relationships>"},
	{"xl/sharedStrings.xml", "<sst " NS "><si><t>a</t></si><si><r><t>b</t></r><rPh><t>c</t>"
				 "</rPh></si><si><t>d_x000D_</t></si><si><t/></si></sst>"},
	{"xl/worksheets/sheet1.xml",
	 "<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>1</v></c><c><v>2</v>"
	 "</c></row></sheetData><mergeCells><mergeCell ref=\"A1:B2\"/></mergeCells></worksheet>"},
};

/* The zip of the parts, the one named by letter replaced with xml[0..n). */
static char *fz_pack(char letter, const uint8_t *xml, size_t n, size_t *len)
{
	static const char letters[] = "BRSW";
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, NULL);
	zip_t *za = src ? zip_open_from_source(src, ZIP_TRUNCATE, NULL) : NULL;
	if (!za) {
		zip_source_free(src);
		return NULL;
	}
	zip_source_keep(src);
	for (int i = 0; i < 4; i++) {
		bool mine = letters[i] == letter;
		zip_source_t *s = zip_source_buffer(za, mine ? (const void *)xml : fz_parts[i][1],
						    mine ? n : strlen(fz_parts[i][1]), 0);
		zip_int64_t idx = s ? zip_file_add(za, fz_parts[i][0], s, 0) : -1;
		if (idx < 0)
			zip_source_free(s);
		else
			zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
	}
	char *out = NULL;
	zip_stat_t st;
	if (zip_close(za) != 0) {
		zip_discard(za);
	} else if (zip_source_stat(src, &st) == 0 && zip_source_open(src) == 0) {
		out = malloc(st.size ? st.size : 1);
		zip_int64_t got = zip_source_read(src, out, st.size);
		*len = got < 0 ? 0 : (size_t)got;
		zip_source_close(src);
	}
	zip_source_free(src);
	return out;
}

/* Whether an input is a letter and an XML part (else: the file itself). */
static bool fz_is_part(const uint8_t *data, size_t size)
{
	return size > 0 && data[0] && strchr("BRSW", data[0]);
}

#endif
