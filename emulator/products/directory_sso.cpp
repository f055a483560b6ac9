// emulator/products/directory_sso.cpp — (being written)
#include "emulator/products.hpp"

namespace emulator::products {

void register_directory_sso(api&) {}

}  // namespace emulator::products
