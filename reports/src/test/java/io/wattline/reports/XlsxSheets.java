package io.wattline.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/** Reads a view back from a report sheet: the header row (found by its first cell) and the rows under it by header. */
final class XlsxSheets {

    private static final DataFormatter TEXT = new DataFormatter();

    private XlsxSheets() {
    }

    /** The rows under the header whose first cell is {@code firstHeader}, each as header → value (Double or String). */
    static List<Map<String, Object>> rows(Sheet sheet, String firstHeader) {
        int header = -1;
        for (Row r : sheet) {
            if (r.getCell(0) != null && firstHeader.equals(TEXT.formatCellValue(r.getCell(0)))) {
                header = r.getRowNum();
                break;
            }
        }
        if (header < 0) {
            throw new AssertionError("no header '" + firstHeader + "' on sheet " + sheet.getSheetName());
        }
        Row head = sheet.getRow(header);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = header + 1; i <= sheet.getLastRowNum(); i++) {
            Row r = sheet.getRow(i);
            if (r == null) {
                break;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (int c = 0; c < head.getLastCellNum(); c++) {
                Cell cell = r.getCell(c);
                row.put(TEXT.formatCellValue(head.getCell(c)), value(cell));
            }
            out.add(row);
        }
        return out;
    }

    static Object value(Cell cell) {
        if (cell == null) {
            return null;
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case NUMERIC -> cell.getNumericCellValue();
            case STRING -> cell.getStringCellValue();
            default -> null;
        };
    }

    /** The row whose first two cells are {@code first} and {@code second}. */
    static Map<String, Object> row(List<Map<String, Object>> rows, String first, String second) {
        for (Map<String, Object> r : rows) {
            List<Object> values = new ArrayList<>(r.values());
            if (first.equals(values.get(0)) && (second == null || second.equals(values.get(1)))) {
                return r;
            }
        }
        throw new AssertionError("no row " + first + " / " + second + " in " + rows);
    }
}
