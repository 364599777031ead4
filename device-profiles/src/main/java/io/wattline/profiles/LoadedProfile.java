package io.wattline.profiles;

import java.util.List;

/**
 * A profile as its file describes it: the register map, the signature registers the bus scan reads
 * to recognise the model ({@code identify}), and the variants of its map, if sources disagree.
 */
public record LoadedProfile(DeviceProfile profile, List<IdentifyCheck> identify, List<ProfileVariant> variants) {

    public LoadedProfile {
        identify = List.copyOf(identify);
        variants = List.copyOf(variants);
    }

    /** The profile id a plant names for a variant ({@code <vendor>/<model>@<variant>}, the default's is the model's). */
    public String profileId(ProfileVariant variant) {
        return variant.profile().id();
    }

    /** The variant part of a profile id ({@code energy-101e} of {@code chint/dtsu666@energy-101e}), null if none. */
    public static String variantOf(String profileId) {
        int at = profileId.indexOf('@');
        return at < 0 ? null : profileId.substring(at + 1);
    }
}
