// Decodes Sparkplug B payloads with Eclipse Tahu's decoder (sparkplug-payload, generated from the
// published sparkplug_b.proto by protobufjs). Input: lines "topic qos retain base64". Output: a JSON
// array of {topic, qos, retain, raw, tahu}: raw is the protobuf message as protobufjs reads it (field
// presence exactly as on the wire), tahu is Tahu's own decodePayload result.
const sparkplug = require('sparkplug-payload/lib/sparkplugbpayload');
const proto = require('sparkplug-payload/lib/sparkplugPayloadProto');
const Payload = proto.org.eclipse.tahu.protobuf.Payload;
const lines = require('fs').readFileSync(0, 'utf8').split('\n').filter(l => l.trim());
const out = lines.map(line => {
  const [topic, qos, retain, b64] = line.split(' ');
  const bytes = Buffer.from(b64 || '', 'base64');
  return {
    topic, qos: Number(qos), retain: retain === 'true',
    raw: Payload.toObject(Payload.decode(bytes), { longs: Number }),
    tahu: sparkplug.decodePayload(bytes)
  };
});
process.stdout.write(JSON.stringify(out, (k, v) =>
  v && typeof v === 'object' && typeof v.toNumber === 'function' ? v.toNumber() : v));
