// A node-opcua server with changing Double variables, started by the OPC UA integration tests.
// usage: node server.js PORT [--user NAME:PASSWORD] [--reject-unknown-clients] [--only-none]
//        [--cert-dns NAME,...] [--cert-ip ADDRESS,...] [--application-uri URI] [--cert-uri URI]
// Prints "READY <certificate file>" once it listens on 127.0.0.1:PORT.
// Its certificate (made once per XDG_CONFIG_HOME) names DNS localhost and this machine's name, IP
// 127.0.0.1 and the application URI urn:wattline-test:node-opcua unless the --cert-*/--application-uri
// options say otherwise (a certificate issued for another host or application; --cert-uri makes the
// certificate's URI differ from the one the server announces).
// Reads commands from stdin, one per line, and answers "DONE <command>" (or "FAILED <command>: why"):
//   add NAME      add a Double variable Line1.NAME (nodeId s=Line1.NAME) that changes every 100 ms
//   delete NAME   delete the variable Line1.NAME (its monitored items see Bad_NodeIdUnknown)
const opcua = require("node-opcua");
const readline = require("readline");

const args = process.argv.slice(2);
const port = parseInt(args[0], 10);
const userArg = args.indexOf("--user") >= 0 ? args[args.indexOf("--user") + 1] : null;
const rejectUnknown = args.indexOf("--reject-unknown-clients") >= 0;
const onlyNone = args.indexOf("--only-none") >= 0;
const [user, password] = userArg ? userArg.split(":") : [null, null];
const option = (name, fallback) => args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : fallback;
const certDns = option("--cert-dns", "localhost," + require("os").hostname()).split(",").filter((s) => s);
const certIp = option("--cert-ip", "127.0.0.1").split(",").filter((s) => s);
const applicationUri = option("--application-uri", "urn:wattline-test:node-opcua");
const certUri = option("--cert-uri", applicationUri);

// Units node-opcua's standardUnits lacks, built the same way (UNECE common codes).
const units = {
  watt_hour: opcua.makeEUInformation("WHR", "Wh", "watt hour"),
  kilowatt_hour: opcua.makeEUInformation("KWH", "kWh", "kilowatt hour"),
  megawatt_hour: opcua.makeEUInformation("MWH", "MWh", "megawatt hour"),
  litre_per_second: opcua.makeEUInformation("G51", "L/s", "litre per second"),
};

async function main() {
  const serverCertificateManager = new opcua.OPCUACertificateManager({
    automaticallyAcceptUnknownCertificate: !rejectUnknown,
  });
  await serverCertificateManager.initialize();
  const path = require("path");
  const fs = require("fs");
  const certificateFile = path.join(serverCertificateManager.rootDir, "own/certs/wattline_test_server.pem");
  if (!fs.existsSync(certificateFile)) {
    await serverCertificateManager.createSelfSignedCertificate({
      outputFile: certificateFile, subject: "/CN=wattline-test-peer", applicationUri: certUri, dns: certDns, ip: certIp,
      startDate: new Date(Date.now() - 24 * 3600 * 1000), validity: 365,
    });
  }
  const server = new opcua.OPCUAServer({
    port,
    host: "127.0.0.1",
    resourcePath: "/wattline-test",
    serverCertificateManager,
    certificateFile,
    privateKeyFile: serverCertificateManager.privateKey,
    serverInfo: { applicationUri },
    securityPolicies: onlyNone ? [opcua.SecurityPolicy.None]
      : [opcua.SecurityPolicy.None, opcua.SecurityPolicy.Basic256Sha256],
    securityModes: onlyNone ? [opcua.MessageSecurityMode.None] : [opcua.MessageSecurityMode.None,
      opcua.MessageSecurityMode.Sign, opcua.MessageSecurityMode.SignAndEncrypt],
    allowAnonymous: !user,
    userManager: user ? { isValidUser: (u, p) => u === user && p === password } : undefined,
    buildInfo: { productName: "wattline-test-peer" },
  });
  await server.initialize();
  const addressSpace = server.engine.addressSpace;
  const ns = addressSpace.getOwnNamespace();
  const line = ns.addFolder(addressSpace.rootFolder.objects, {
    browseName: "Line1", nodeId: "s=Line1",
  });
  const started = Date.now();
  let energy = 1000;
  const power = () => 40 + 10 * Math.sin((Date.now() - started) / 1000);
  const double = (value) => new opcua.Variant({ dataType: opcua.DataType.Double, value });
  ns.addVariable({
    componentOf: line, browseName: "Power", nodeId: "s=Line1.Power", dataType: "Double",
    minimumSamplingInterval: 100, value: { get: () => double(power()) },
  });
  ns.addVariable({
    componentOf: line, browseName: "Energy", nodeId: "s=Line1.Energy", dataType: "Double",
    minimumSamplingInterval: 100, value: { get: () => double(energy) },
  });
  ns.addVariable({
    componentOf: line, browseName: "Temperature", nodeId: "s=Line1.Temperature", dataType: "Double",
    value: double(21.5),
  });
  // Analog items with EngineeringUnits (OPC UA Part 8): the client converts or refuses by unit.
  const analog = (name, unit, value) => ns.addAnalogDataItem({
    componentOf: line, browseName: name, nodeId: "s=Line1." + name, dataType: "Double",
    engineeringUnits: unit, engineeringUnitsRange: { low: -1e9, high: 1e9 },
    minimumSamplingInterval: 100, value: typeof value === "function" ? { get: () => double(value()) } : double(value),
  });
  analog("PowerW", opcua.standardUnits.watt, 12345);
  analog("PowerKW", opcua.standardUnits.kilowatt, () => power());
  analog("EnergyMWh", units.megawatt_hour, 1.5);
  analog("EnergyKWh", units.kilowatt_hour, () => energy);
  analog("FlowLps", units.litre_per_second, 2);
  analog("TemperatureK", opcua.standardUnits.kelvin, 300.15);
  analog("TemperatureC", opcua.standardUnits.degree_celsius, 21.5);
  // A sensor that is broken: Bad_SensorFailure, the value kept as the PLC had it.
  const broken = ns.addVariable({
    componentOf: line, browseName: "Broken", nodeId: "s=Line1.Broken", dataType: "Double",
  });
  broken.setValueFromSource(double(0), opcua.StatusCodes.BadSensorFailure);
  setInterval(() => { energy += 0.01; }, 100);

  const added = {};
  const add = (name) => {
    added[name] = ns.addVariable({
      componentOf: line, browseName: name, nodeId: "s=Line1." + name, dataType: "Double",
      minimumSamplingInterval: 100, value: { get: () => double(power() + 100) },
    });
  };
  const remove = (name) => {
    const node = added[name] || addressSpace.findNode(ns.index ? "ns=" + ns.index + ";s=Line1." + name : null);
    if (!node) {
      throw new Error("no variable Line1." + name);
    }
    addressSpace.deleteNode(node);
    delete added[name];
  };
  add("Volatile");
  readline.createInterface({ input: process.stdin }).on("line", (command) => {
    const [verb, name] = command.trim().split(/\s+/);
    try {
      if (verb === "add") {
        add(name);
      } else if (verb === "delete") {
        remove(name);
      } else {
        throw new Error("unknown command " + verb);
      }
      process.stdout.write("DONE " + command.trim() + "\n");
    } catch (err) {
      process.stdout.write("FAILED " + command.trim() + ": " + err.message + "\n");
    }
  });

  await server.start();
  process.stdout.write("READY " + server.certificateFile + "\n");
  const stop = async () => { await server.shutdown(100); process.exit(0); };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((err) => {
  process.stderr.write("server failed: " + (err && err.stack ? err.stack : err) + "\n");
  process.exit(1);
});
