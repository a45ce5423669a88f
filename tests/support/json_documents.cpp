#include "tests/support/json_documents.h"

#include <array>
#include <cstdio>
#include <random>

namespace meridian::test {

namespace {

const std::array<const char*, 16> kFirst = {"Ada", "Bjørn", "Chloé", "Dmitri", "Emeka", "Farah", "Gustavo", "Hana",
                                            "Ingrid", "Jonas", "Kenji", "Leila", "Mateo", "Nadia", "Oskar", "Priya"};
const std::array<const char*, 12> kLast = {"Okafor", "Lindqvist", "Moreau", "Petrov", "Tanaka", "Haddad",
                                           "Silva", "Novak", "Kowalski", "Fischer", "Rossi", "Sharma"};
const std::array<const char*, 10> kCities = {"Lisbon", "Oslo", "Nairobi", "Osaka", "Montréal",
                                             "Kraków", "Austin", "Pune", "Valparaíso", "Tallinn"};
const std::array<const char*, 10> kCountries = {"PT", "NO", "KE", "JP", "CA", "PL", "US", "IN", "CL", "EE"};
const std::array<const char*, 14> kTags = {"beta",    "premium", "newsletter", "mobile",   "desktop",
                                           "trial",   "admin",   "early-adopter", "api",  "team-plan",
                                           "churn-risk", "vip",  "eu",         "referral"};
const std::array<const char*, 20> kWords = {"building", "tools",  "for",     "data",   "teams",   "who",   "love",
                                            "fast",     "storage", "and",    "clear",  "metrics", "coffee", "hiking",
                                            "open",     "source", "maintainer", "of", "small",   "libraries"};
const std::array<const char*, 8> kEventTypes = {"page_view", "click",  "signup",      "purchase",
                                                "search",    "logout", "add_to_cart", "error"};
const std::array<const char*, 8> kPages = {"/",         "/pricing", "/docs/getting-started", "/blog/2026/compression",
                                           "/account",  "/cart",    "/search",               "/products/sku-4471"};
const std::array<const char*, 5> kAgents = {
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
    "okhttp/4.12.0"};

template <typename Array>
const char* pick(std::mt19937_64& rng, const Array& words) {
    return words[rng() % words.size()];
}

std::string pad(std::uint64_t value, int width) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%0*llu", width, static_cast<unsigned long long>(value));
    return buf;
}

std::string timestamp(std::mt19937_64& rng) {
    return "\"2026-" + pad(1 + rng() % 12, 2) + "-" + pad(1 + rng() % 28, 2) + "T" + pad(rng() % 24, 2) + ":" +
           pad(rng() % 60, 2) + ":" + pad(rng() % 60, 2) + "." + pad(rng() % 1000, 3) + "Z\"";
}

std::string uuid(std::mt19937_64& rng) {
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (int i = 0; i < 32; ++i) {
        if (i == 8 || i == 12 || i == 16 || i == 20) out.push_back('-');
        out.push_back(hex[rng() % 16]);
    }
    return "\"" + out + "\"";
}

std::string profile(std::mt19937_64& rng, std::uint64_t id) {
    const std::string first = pick(rng, kFirst);
    const std::string last = pick(rng, kLast);
    const std::size_t city = rng() % kCities.size();
    std::string tags;
    for (std::uint64_t i = 0, n = rng() % 6; i < n; ++i) tags += std::string(i ? ", " : "") + "\"" + pick(rng, kTags) + "\"";
    std::string bio;
    for (std::uint64_t i = 0, n = rng() % 120; i < n; ++i) bio += std::string(i ? " " : "") + pick(rng, kWords);
    std::string out = "{\"id\": " + std::to_string(id) + ", \"uuid\": " + uuid(rng) + ", \"name\": {\"first\": \"" +
                      first + "\", \"last\": \"" + last + "\"}, \"email\": \"" + first + "." + last + std::to_string(rng() % 100) +
                      "@example.com\", \"created_at\": " + timestamp(rng) + ", \"last_login\": " + timestamp(rng) +
                      ", \"address\": {\"street\": \"" + std::to_string(1 + rng() % 400) + " " + pick(rng, kLast) +
                      " Street\", \"city\": \"" + kCities[city] + "\", \"postal_code\": \"" + pad(rng() % 100000, 5) +
                      "\", \"country\": \"" + kCountries[city] + "\"}, \"preferences\": {\"theme\": \"" +
                      (rng() % 2 ? "dark" : "light") + "\", \"language\": \"" + (rng() % 3 ? "en" : "pt") +
                      "\", \"notifications\": {\"email\": " + (rng() % 2 ? "true" : "false") +
                      ", \"push\": " + (rng() % 2 ? "true" : "false") + ", \"digest\": \"" +
                      (rng() % 2 ? "weekly" : "daily") + "\"}}, \"tags\": [" + tags + "], \"plan\": \"" +
                      (rng() % 4 ? "free" : "team") + "\", \"login_count\": " + std::to_string(rng() % 5000);
    if (!bio.empty()) out += ", \"bio\": \"" + bio + "\"";
    return out + "}";
}

std::string event(std::mt19937_64& rng, std::uint64_t id) {
    const std::string type = pick(rng, kEventTypes);
    std::string out = "{\"event_id\": " + std::to_string(id) + ", \"type\": \"" + type +
                      "\", \"user_id\": " + std::to_string(rng() % 50000) + ", \"ts\": " + timestamp(rng);
    if (rng() % 4 == 0) return out + "}";  // the smallest: about 100 bytes
    out += ", \"page\": \"" + std::string(pick(rng, kPages)) + "\", \"session\": " + uuid(rng) +
           ", \"context\": {\"ip\": \"203.0.113." + std::to_string(rng() % 256) + "\", \"user_agent\": \"" +
           pick(rng, kAgents) + "\", \"locale\": \"" + (rng() % 3 ? "en-US" : "pt-PT") + "\"}";
    if (type == "purchase" || type == "add_to_cart") {
        out += ", \"items\": [";
        for (std::uint64_t i = 0, n = 1 + rng() % 8; i < n; ++i)
            out += std::string(i ? ", " : "") + "{\"sku\": \"sku-" + pad(rng() % 10000, 4) + "\", \"quantity\": " +
                   std::to_string(1 + rng() % 3) + ", \"price_cents\": " + std::to_string(199 + rng() % 20000) + "}";
        out += "], \"currency\": \"EUR\"";
    } else if (type == "search") {
        out += ", \"query\": \"" + std::string(pick(rng, kWords)) + " " + pick(rng, kWords) +
               "\", \"results\": " + std::to_string(rng() % 300);
    } else if (type == "error") {
        out += ", \"error\": {\"code\": " + std::to_string(400 + rng() % 104) +
               ", \"message\": \"upstream timed out after 3000 ms\", \"retryable\": true}";
    }
    return out + "}";
}

}  // namespace

std::vector<JsonDocument> makeJsonDocuments(std::size_t count, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<JsonDocument> documents;
    documents.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        if (rng() % 3 == 0)
            documents.push_back({"user:" + pad(i, 8), profile(rng, i)});
        else
            documents.push_back({"event:" + pad(i, 8), event(rng, 1000000 + i)});
    }
    return documents;
}

}  // namespace meridian::test
