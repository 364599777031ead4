// A node-opcua client the north-bound server test runs against Wattline's OPC UA server.
// usage: node client.js URL BROWSE_PATH SECONDS [--secure] [--user NAME:PASSWORD]
//   BROWSE_PATH like /Objects/2:Plant/2:site1/2:line1/2:m1/2:active_power
// Prints one JSON object per line: {"read":...}, {"eu":...}, {"write":...}, {"change":...}, {"done":true}.
const opcua = require("node-opcua");

const [url, browsePath, seconds] = process.argv.slice(2, 5);
const args = process.argv.slice(5);
const secure = args.indexOf("--secure") >= 0;
const userArg = args.indexOf("--user") >= 0 ? args[args.indexOf("--user") + 1] : null;
const out = (o) => process.stdout.write(JSON.stringify(o) + "\n");

async function main() {
  const client = opcua.OPCUAClient.create({
    endpointMustExist: false,
    securityMode: secure ? opcua.MessageSecurityMode.SignAndEncrypt : opcua.MessageSecurityMode.None,
    securityPolicy: secure ? opcua.SecurityPolicy.Basic256Sha256 : opcua.SecurityPolicy.None,
    connectionStrategy: { maxRetry: 3, initialDelay: 200, maxDelay: 1000 },
  });
  await client.connect(url);
  const identity = userArg
    ? { type: opcua.UserTokenType.UserName, userName: userArg.split(":")[0], password: userArg.split(":")[1] }
    : undefined;
  const session = await client.createSession(identity);
  const found = await session.translateBrowsePath(opcua.makeBrowsePath("RootFolder", browsePath));
  if (!found.targets || found.targets.length === 0) {
    out({ error: "browse path not found: " + found.statusCode.toString() });
    process.exit(3);
  }
  const nodeId = found.targets[0].targetId.toString();
  const dv = await session.read({ nodeId, attributeId: opcua.AttributeIds.Value });
  out({ read: { nodeId, value: dv.value.value, status: dv.statusCode.name,
    source: dv.sourceTimestamp ? dv.sourceTimestamp.toISOString() : null } });
  const euPath = await session.translateBrowsePath(opcua.makeBrowsePath(nodeId, ".EngineeringUnits"));
  if (euPath.targets && euPath.targets.length > 0) {
    const eu = await session.read({ nodeId: euPath.targets[0].targetId, attributeId: opcua.AttributeIds.Value });
    const v = eu.value.value;
    out({ eu: { namespaceUri: v.namespaceUri, unitId: v.unitId, displayName: v.displayName.text } });
  }
  const write = await session.write({ nodeId, attributeId: opcua.AttributeIds.Value,
    value: { value: { dataType: opcua.DataType.Double, value: 123.0 } } });
  out({ write: write.name });
  const sub = opcua.ClientSubscription.create(session, {
    requestedPublishingInterval: 200, requestedMaxKeepAliveCount: 10, requestedLifetimeCount: 100,
    maxNotificationsPerPublish: 1000, publishingEnabled: true, priority: 1,
  });
  const item = opcua.ClientMonitoredItem.create(sub, { nodeId, attributeId: opcua.AttributeIds.Value },
    { samplingInterval: 100, queueSize: 10, discardOldest: true }, opcua.TimestampsToReturn.Both);
  item.on("changed", (v) => out({ change: { value: v.value.value, status: v.statusCode.name,
    source: v.sourceTimestamp ? v.sourceTimestamp.toISOString() : null } }));
  await new Promise((r) => setTimeout(r, parseFloat(seconds) * 1000));
  await sub.terminate();
  await session.close();
  await client.disconnect();
  out({ done: true });
}

main().catch((err) => {
  out({ error: String(err && err.message ? err.message : err) });
  process.exit(1);
});
