package io.wattline.notify.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyParserTest {

    @ParameterizedTest
    @ValueSource(strings = {"ACK 1234", "ack 1234", "Ack1234", " ACK  1234 ", "ACK #1234", "ACK:1234",
            "确认 1234", "确认1234", "確認 1234", "确认：1234",
            "ＡＣＫ　１２３４", "确认　１２３４", "确认１２３４", "ａｃｋ １２３４"})
    void acknowledgementsInEveryWayPeopleTypeThem(String text) {
        assertEquals(OptionalLong.of(1234), ReplyParser.acknowledgement(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"ACK", "确认", "ACK 12a", "OK 1234", "ACK 1234 5678", "hello", "1234",
            "请确认 1234", "ACK -1"})
    void anythingElseIsNoAcknowledgement(String text) {
        assertEquals(OptionalLong.empty(), ReplyParser.acknowledgement(text));
    }
}
