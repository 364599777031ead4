package io.wattline.profiles;

import java.util.List;
import java.util.Set;

/**
 * One register map of a model whose public sources disagree (the CHINT DTSU666's energy block at
 * 401EH or at 101EH): which sources give it, the profile it makes, and the registers that tell it.
 *
 * @param isDefault      this variant is the profile's own points; its profile id is the profile's
 * @param profile        the profile of this map (id {@code <vendor>/<model>@<variant>} unless default)
 * @param replacedPoints names of the profile's points this variant replaces (its frames must cover them)
 * @param identify       the checks that tell this variant (on top of the model's)
 */
public record ProfileVariant(String id, boolean isDefault, String description, List<String> sources,
        DeviceProfile profile, Set<String> replacedPoints, List<IdentifyCheck> identify) {

    public ProfileVariant {
        sources = List.copyOf(sources);
        replacedPoints = Set.copyOf(replacedPoints);
        identify = List.copyOf(identify);
    }
}
