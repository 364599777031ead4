package io.wattline.collector.opcua;

/**
 * A variable the browse tool found.
 *
 * @param browsePath  from Objects, e.g. {@code 1:Line1/1:Power}
 * @param nodeId      parseable, with the namespace URI: {@code nsu=urn:...;s=Line1.Power}
 * @param dataType    built-in type name of the value read, e.g. {@code Double}; empty when unreadable
 * @param value       the value read, as text
 * @param unit        the unit the server declares (EngineeringUnits) as Wattline writes it ({@code kW},
 *                    {@code m3/h}, {@code degC}), its display name when Wattline does not know it; empty when none
 */
public record BrowsedVariable(String browsePath, String nodeId, String displayName, String dataType, String value,
        String unit) {

    /** True for values a profile point can carry (numbers and booleans). */
    public boolean isNumeric() {
        return switch (dataType) {
            case "Double", "Float", "Integer", "Long", "Short", "Byte", "Boolean",
                    "UInteger", "ULong", "UShort", "UByte", "BigInteger" -> true;
            default -> false;
        };
    }
}
