#pragma once

#include <stdexcept>
#include <string>

namespace perfcase {

// A value refused before it could reach a command line; the message names
// the parameter and the rule it breaks.
class InvalidArgument : public std::invalid_argument
{
public:
    using std::invalid_argument::invalid_argument;
};

// Checks of every value that goes into a kubectl argument (DESIGN.md,
// Cluster access). Each returns the value or throws InvalidArgument. Values
// starting with '-' (an option in disguise) or holding NUL or a line break
// are refused everywhere.
namespace KubeArguments {

// RFC 1123 label: namespaces, container names (63 chars, [a-z0-9-]).
std::string label(const std::string &value, const std::string &what);
// RFC 1123 subdomain: pods, deployments, HPAs (253 chars, labels and dots).
std::string subdomain(const std::string &value, const std::string &what);
// A label selector of equality terms: app=api,tier!=cache,!canary.
std::string selector(const std::string &value, const std::string &what);
// kubectl's duration syntax: 90s, 15m, 1h30m.
std::string duration(const std::string &value, const std::string &what);
// A kubeconfig context: free-form in kubeconfig (ARNs, gke_project_zone),
// so only the universal rules plus printable ASCII.
std::string context(const std::string &value, const std::string &what);

} // namespace KubeArguments

} // namespace perfcase
