package io.wattline.alarms.rule;

import java.util.Map;

/**
 * The default message of each rule type in Chinese and English (a rule's own {@code message}
 * replaces it), and the words for a limit's level in each language.
 */
final class RuleTexts {

    private RuleTexts() {
    }

    static Map<String, String> defaults(String type) {
        return switch (type) {
            case "limit" -> Map.of(
                    "zh-CN", "{point}{level}报警 {value} {unit}(限值 {limit} {unit})",
                    "en", "{point} {level} {value} {unit} (limit {limit} {unit})");
            case "rate" -> Map.of(
                    "zh-CN", "{point}变化过快 {value} {unit}(限值 {limit} {unit})",
                    "en", "{point} changing fast: {value} {unit} (limit {limit} {unit})");
            case "communication" -> Map.of(
                    "zh-CN", "{meter}通讯中断",
                    "en", "{meter} communication lost");
            case "stale" -> Map.of(
                    "zh-CN", "{point}已 {value} {unit}无新数据(限值 {limit} {unit})",
                    "en", "{point} not updated for {value} {unit} (limit {limit} {unit})");
            case "demand" -> Map.of(
                    "zh-CN", "{meter}需量预警:本时段预计 {value} {unit},超过 {limit} {unit}",
                    "en", "{meter} demand forecast {value} {unit} exceeds {limit} {unit}");
            case "budget" -> Map.of(
                    "zh-CN", "{line}能耗 {value} {unit} 超出预算 {limit} {unit}",
                    "en", "{line} consumption {value} {unit} over budget {limit} {unit}");
            case "waste" -> Map.of(
                    "zh-CN", "{line}休息/停产时段仍耗电 {value} {unit}(限值 {limit} {unit})",
                    "en", "{line} draws {value} {unit} during a break or idle shift (limit {limit} {unit})");
            case "loss" -> Map.of(
                    "zh-CN", "{meter}损耗异常 {value} {unit}(限值 {limit} {unit})",
                    "en", "{meter} loss anomaly {value} {unit} (limit {limit} {unit})");
            case "baseline" -> Map.of(
                    "zh-CN", "{line}能耗高于基准 {value} {unit}(限值 {limit} {unit})",
                    "en", "{line} consumption above baseline by {value} {unit} (limit {limit} {unit})");
            default -> throw new IllegalArgumentException("no default texts for rule type " + type);
        };
    }

    /** A condition's word for {@code {level}} in a language ({@code HH} → 高高 / high-high). */
    static String level(String condition, String language) {
        boolean zh = language.startsWith("zh");
        return switch (condition) {
            case "HH" -> zh ? "高高" : "high-high";
            case "H" -> zh ? "高" : "high";
            case "L" -> zh ? "低" : "low";
            case "LL" -> zh ? "低低" : "low-low";
            case "RISE" -> zh ? "上升过快" : "rising";
            case "FALL" -> zh ? "下降过快" : "falling";
            default -> condition;
        };
    }
}
