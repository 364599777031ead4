// Reads variables of Wattline's north-bound OPC UA server, anonymous and unsecured.
// usage: node read.js URL BROWSE_PATH...   (BROWSE_PATH like /Objects/3:Alarms/3:ActiveCount/3:High)
// Prints one JSON object per path: {"path":...,"value":...,"status":...} or {"path":...,"error":...}.
const opcua = require("node-opcua");

const [url, ...paths] = process.argv.slice(2);
const out = (o) => process.stdout.write(JSON.stringify(o) + "\n");

async function main() {
  const client = opcua.OPCUAClient.create({
    endpointMustExist: false,
    securityMode: opcua.MessageSecurityMode.None,
    securityPolicy: opcua.SecurityPolicy.None,
    connectionStrategy: { maxRetry: 3, initialDelay: 200, maxDelay: 1000 },
  });
  await client.connect(url);
  const session = await client.createSession();
  for (const path of paths) {
    const found = await session.translateBrowsePath(opcua.makeBrowsePath("RootFolder", path));
    if (!found.targets || found.targets.length === 0) {
      out({ path, error: "not found: " + found.statusCode.toString() });
      continue;
    }
    const dv = await session.read({ nodeId: found.targets[0].targetId, attributeId: opcua.AttributeIds.Value });
    const v = dv.value.value;
    out({ path, value: typeof v === "bigint" ? Number(v) : (Array.isArray(v) ? Number(v[1]) : v),
      status: dv.statusCode.name });
  }
  await session.close();
  await client.disconnect();
  out({ done: true });
}

main().catch((err) => {
  out({ error: String(err && err.message ? err.message : err) });
  process.exit(1);
});
