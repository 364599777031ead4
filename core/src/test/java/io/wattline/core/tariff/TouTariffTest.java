package io.wattline.core.tariff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The tariff record's own rules: band lookup by local time (periods across midnight) and its invariants. */
class TouTariffTest {

    private static final List<TariffPeriod> DAY = List.of(
            new TariffPeriod(LocalTime.of(22, 0), LocalTime.of(8, 0), TariffBand.VALLEY),
            new TariffPeriod(LocalTime.of(8, 0), LocalTime.of(10, 0), TariffBand.FLAT),
            new TariffPeriod(LocalTime.of(10, 0), LocalTime.of(12, 0), TariffBand.PEAK),
            new TariffPeriod(LocalTime.of(12, 0), LocalTime.of(22, 0), TariffBand.FLAT));
    private static final Map<TariffBand, Double> PRICES =
            Map.of(TariffBand.PEAK, 1.0, TariffBand.FLAT, 0.6, TariffBand.VALLEY, 0.3);

    private static TouTariff tariff(List<TariffSeason> seasons, Map<TariffBand, Double> prices,
            Map<LocalDate, String> overrides) {
        return new TouTariff("t", "T", "nowhere", "CNY", LocalDate.of(2026, 1, 1),
                List.of(new TariffSource("test", null, "made up")), true, prices, seasons, overrides,
                OptionalDouble.empty(), OptionalDouble.empty());
    }

    private static TariffSeason allYear(List<TariffPeriod> periods) {
        return new TariffSeason("all", EnumSet.allOf(Month.class), periods);
    }

    @ParameterizedTest
    @CsvSource({"00:00,VALLEY", "07:59,VALLEY", "08:00,FLAT", "10:30,PEAK", "19:00,FLAT", "23:59,VALLEY"})
    void bandAtLocalTime(String time, TariffBand band) {
        TouTariff t = tariff(List.of(allYear(DAY)), PRICES, Map.of());
        assertEquals(band, t.bandAt(LocalDateTime.of(LocalDate.of(2026, 3, 10), LocalTime.parse(time))));
    }

    @Test
    void aDayOverrideTakesTheOtherSeasonsPattern() {
        TariffSeason summer = new TariffSeason("summer", Set.of(Month.JULY),
                List.of(new TariffPeriod(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, TariffBand.PEAK)));
        TariffSeason rest = new TariffSeason("rest", EnumSet.complementOf(EnumSet.of(Month.JULY)), DAY);
        TouTariff t = tariff(List.of(summer, rest), PRICES, Map.of(LocalDate.of(2026, 6, 12), "summer"));
        assertEquals(TariffBand.PEAK, t.bandAt(LocalDateTime.of(2026, 6, 12, 3, 0)));
        assertEquals(TariffBand.VALLEY, t.bandAt(LocalDateTime.of(2026, 6, 13, 3, 0)));
    }

    @Test
    void constructionRefusesWhatNoCalendarCanMean() {
        String twice = assertThrows(IllegalArgumentException.class, () -> tariff(
                List.of(allYear(DAY), new TariffSeason("again", Set.of(Month.MAY), DAY)), PRICES, Map.of()))
                .getMessage();
        assertTrue(twice.contains("MAY is in more than one season"), twice);
        String gap = assertThrows(IllegalArgumentException.class, () -> tariff(
                List.of(allYear(DAY.subList(0, 3))), PRICES, Map.of())).getMessage();
        assertTrue(gap.contains("periods leave a gap at 12:00"), gap);
        String price = assertThrows(IllegalArgumentException.class, () -> tariff(
                List.of(allYear(DAY)), Map.of(TariffBand.FLAT, 0.6, TariffBand.VALLEY, 0.3), Map.of())).getMessage();
        assertTrue(price.contains("band PEAK has no price"), price);
        String season = assertThrows(IllegalArgumentException.class, () -> tariff(
                List.of(allYear(DAY)), PRICES, Map.of(LocalDate.of(2026, 6, 12), "hot"))).getMessage();
        assertTrue(season.contains("unknown season hot"), season);
    }
}
